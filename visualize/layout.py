"""Node positions computed in Python, so the browser draws at once instead of simulating physics.

Small views use networkx's spring layout. It is exact but quadratic, and at 500 nodes or more
networkx switches to a method that needs SciPy (not a dependency here), so larger views use
`mesh_layout`: the same Fruchterman–Reingold forces, with the repulsion between all pairs taken
from a density grid by FFT (particle–mesh), which costs O(nodes + edges) per step instead of
O(nodes²). 10,000 nodes lay out in a few tenths of a second.

>>> where = positions(["a", "b", "c"], [("a", "b"), ("b", "c")])
>>> sorted(where), where == positions(["a", "b", "c"], [("a", "b"), ("b", "c")])
(['a', 'b', 'c'], True)
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import networkx as nx
import numpy as np

SPRING_LIMIT = 250  # networkx's dense spring layout takes ~0.1 s here, ~0.3 s at 500 nodes
PIXELS_PER_NODE = 110  # the drawing's width grows with the square root of the node count
MIN_SCALE = 250.0
GRID = 128  # density grid cells per side for the mesh repulsion
ITERATIONS = 60
SEED = 7
GRAVITY = 1.0
LONE_GRAVITY = 4.0


def positions(node_ids: Sequence[str], pairs: Iterable[tuple[str, str]]) -> dict[str, tuple[float, float]]:
    """Pixel coordinates for every node, centred on 0; the same input always gives the same output."""
    count = len(node_ids)
    if count == 0:
        return {}
    index = {node_id: i for i, node_id in enumerate(node_ids)}
    ends = np.array([(index[a], index[b]) for a, b in pairs if a != b], dtype=np.int64).reshape(-1, 2)
    unit = _spring(count, ends) if count <= SPRING_LIMIT else mesh_layout(count, ends)
    scale = max(MIN_SCALE, PIXELS_PER_NODE * count**0.5)
    pixels = _normalise(unit) * scale
    return {node_id: (float(x), float(y)) for node_id, (x, y) in zip(node_ids, pixels, strict=True)}


def _spring(count: int, ends: np.ndarray) -> np.ndarray:
    graph = nx.Graph()
    graph.add_nodes_from(range(count))
    graph.add_edges_from(map(tuple, ends.tolist()))
    placed = nx.spring_layout(graph, seed=SEED, k=2 / count**0.5)
    return np.array([placed[i] for i in range(count)], dtype=float)


def _normalise(points: np.ndarray) -> np.ndarray:
    """Centre on 0 and scale the largest coordinate to 1."""
    centred = points - points.mean(axis=0)
    largest = np.abs(centred).max()
    return centred / largest if largest > 0 else centred


def mesh_layout(count: int, ends: np.ndarray, iterations: int = ITERATIONS) -> np.ndarray:
    """Fruchterman–Reingold layout with grid (particle–mesh) repulsion; returns a (count, 2) array.

    `ends` holds (from, to) index pairs. The ideal edge length is 1 and the drawing starts on a
    square of side ~sqrt(count), so nodes get about one unit of area each.
    """
    rng = np.random.default_rng(SEED)
    side = max(count**0.5, 1.0)
    pos = rng.uniform(-side / 2, side / 2, size=(count, 2))
    src, dst = (ends[:, 0], ends[:, 1]) if len(ends) else (np.empty(0, int), np.empty(0, int))
    kernel_x, kernel_y = _repulsion_kernels(GRID)
    temperature = side / 8
    degree = np.bincount(np.concatenate([src, dst]), minlength=count)
    gravity = np.where(degree == 0, LONE_GRAVITY, GRAVITY)[:, None]
    for step in range(iterations):
        disp = _mesh_repulsion(pos, kernel_x, kernel_y)
        disp += _local_repulsion(pos)
        disp += _attraction(pos, src, dst, count)
        # Linear gravity balances the repulsion of the whole mass (n/r in 2-D) at r ~ sqrt(n), so
        # components and lone nodes share one disc instead of flying off to a distant ring.
        # Lone nodes feel no pull from edges and would ring the drawing at its edge; pull them in
        # harder so they sit at the rim of the components instead of shrinking them on screen.
        disp -= pos * gravity
        length = np.linalg.norm(disp, axis=1, keepdims=True)
        limit = temperature * (1 - step / iterations) + 0.01
        pos += disp * (np.minimum(length, limit) / np.maximum(length, 1e-9))
    return pos


def _repulsion_kernels(grid: int) -> tuple[np.ndarray, np.ndarray]:
    """FFTs of the repulsive force (d / |d|², the FR force with k=1) on a zero-padded grid."""
    size = 2 * grid
    offsets = np.fft.fftfreq(size, d=1 / size)  # 0, 1, ..., grid-1, -grid, ..., -1
    dx, dy = np.meshgrid(offsets, offsets, indexing="ij")
    r2 = dx**2 + dy**2
    r2[0, 0] = 1.0  # a cell does not push itself; _local_repulsion handles nodes sharing a cell
    kx, ky = dx / r2, dy / r2
    kx[0, 0] = ky[0, 0] = 0.0
    return np.fft.rfft2(kx), np.fft.rfft2(ky)


def _cells(pos: np.ndarray) -> tuple[np.ndarray, np.ndarray, float]:
    low = pos.min(axis=0)
    cell = max(float((pos.max(axis=0) - low).max()) / (GRID - 1), 1e-9)
    ij = np.minimum(((pos - low) / cell).astype(np.int64), GRID - 1)
    return ij[:, 0], ij[:, 1], cell


def _mesh_repulsion(pos: np.ndarray, kernel_x: np.ndarray, kernel_y: np.ndarray) -> np.ndarray:
    i, j, cell = _cells(pos)
    density = np.zeros((2 * GRID, 2 * GRID))
    density[:GRID, :GRID] = np.bincount(i * GRID + j, minlength=GRID * GRID).reshape(GRID, GRID)
    spectrum = np.fft.rfft2(density)
    size = (2 * GRID, 2 * GRID)
    # Kernel distances are in cells; the force 1/r in world units is (1/cell) * (1/r_cells).
    fx = np.fft.irfft2(spectrum * kernel_x, s=size)[i, j] / cell
    fy = np.fft.irfft2(spectrum * kernel_y, s=size)[i, j] / cell
    return np.column_stack([fx, fy])


def _local_repulsion(pos: np.ndarray) -> np.ndarray:
    """Push nodes that share a grid cell away from the cell's centre (the mesh cannot see them)."""
    i, j, _ = _cells(pos)
    key = i * GRID + j
    occupancy = np.bincount(key, minlength=GRID * GRID)
    centre_x = np.bincount(key, weights=pos[:, 0], minlength=GRID * GRID) / np.maximum(occupancy, 1)
    centre_y = np.bincount(key, weights=pos[:, 1], minlength=GRID * GRID) / np.maximum(occupancy, 1)
    away = pos - np.column_stack([centre_x[key], centre_y[key]])
    crowd = (occupancy[key] - 1)[:, None]
    return away * crowd / (np.sum(away**2, axis=1, keepdims=True) + 0.05)


def _attraction(pos: np.ndarray, src: np.ndarray, dst: np.ndarray, count: int) -> np.ndarray:
    """Each edge pulls its ends together with force |d|² (FR attraction, k=1)."""
    if len(src) == 0:
        return np.zeros_like(pos)
    delta = pos[dst] - pos[src]
    pull = delta * np.linalg.norm(delta, axis=1, keepdims=True)
    fx = np.bincount(src, weights=pull[:, 0], minlength=count) - np.bincount(
        dst, weights=pull[:, 0], minlength=count
    )
    fy = np.bincount(src, weights=pull[:, 1], minlength=count) - np.bincount(
        dst, weights=pull[:, 1], minlength=count
    )
    return np.column_stack([fx, fy])
