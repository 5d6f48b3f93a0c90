"""Every page's view, exported by the exporters `csn view` and `csn export` use: the offline HTML
view, GraphML, GEXF, CSV (the nodes and edges files, zipped), Cytoscape.js JSON and
FollowTheMoney JSON lines (of the actors and ties the view holds)."""

from __future__ import annotations

import io
import tempfile
import zipfile
from pathlib import Path

from csn.graph.memory_store import MemoryStore
from csn.graph.store import GraphStore
from csn.loaders.lists.ftm_export import write_ftm
from csn.visualize.export import export
from csn.visualize.network_view import build_html
from csn.visualize.selection import mark_listings
from csn.web.pages import Drawn

# format -> (file name ending, media type)
EXPORTS = {
    "html": ("html", "text/html; charset=utf-8"),
    "graphml": ("graphml", "application/xml"),
    "gexf": ("gexf", "application/xml"),
    "csv": ("csv.zip", "application/zip"),
    "cyjs": ("cyjs.json", "application/json"),
    "ftm": ("ftm.json", "application/json"),
}
# The offline view's own policy (visualize/templates/network.html): its scripts are inline.
VIEW_CSP = (
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; "
    "font-src data:; connect-src 'none'; form-action 'none'; base-uri 'none'"
)


def exported(drawn: Drawn, fmt: str, name: str, store: GraphStore) -> bytes:
    """The view in `fmt` (a key of EXPORTS), as the file's bytes. Raises KeyError for another."""
    EXPORTS[fmt]
    if fmt == "html":
        mark_listings(store, drawn.view)
        return build_html(drawn.view, drawn.title, drawn.caption).encode()
    with tempfile.TemporaryDirectory(prefix="csn-export-") as folder:
        path = Path(folder) / f"{name}.{fmt}"
        if fmt == "ftm":
            view = drawn.view
            held = MemoryStore()
            held.write([*view.nodes.values(), *view.documents.values(), *view.edges.values()])
            write_ftm(held, path)
            return path.read_bytes()
        written = export(drawn.view, path, "json" if fmt == "cyjs" else fmt)
        if fmt == "csv":
            buffer = io.BytesIO()
            with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
                for file in written:
                    archive.write(file, file.name)
            return buffer.getvalue()
        return written[0].read_bytes()
