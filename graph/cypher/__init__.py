"""Every Cypher statement the Neo4j store runs.

- `*.cypher` here: the searches (paths, neighbourhoods, an entity's facts). Each has a header
  naming its purpose and parameters, and runs as pasted in the Neo4j Browser with the values the
  guide's last slide sets (neo4j_local/guide.py).
- `guide/*.cypher`: the queries of the Browser guide's questions, read-only, each with a header
  naming its purpose and parameters; they return paths, for the Browser to draw. No store runs them.
- `store/*.cypher`: statements of the store's own housekeeping that name no label or type
  (counting, listing, clearing, waiting for indexes); not guide slides.
- `statements.py`: the statements a label or relationship type of the schema is spliced into
  (constraints, the MERGE of a write, look-ups by id and name), built once from the schema.
"""

from __future__ import annotations

from pathlib import Path

FOLDER = Path(__file__).parent


def search(name: str) -> str:
    """The text of the search `name`.cypher; raises FileNotFoundError for an unknown name."""
    return (FOLDER / f"{name}.cypher").read_text(encoding="utf-8")


def guide(name: str) -> str:
    """The text of guide/`name`.cypher; raises FileNotFoundError for an unknown name."""
    return (FOLDER / "guide" / f"{name}.cypher").read_text(encoding="utf-8")


def housekeeping(name: str) -> str:
    """The text of store/`name`.cypher; raises FileNotFoundError for an unknown name."""
    return (FOLDER / "store" / f"{name}.cypher").read_text(encoding="utf-8")
