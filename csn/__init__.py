"""csn: a knowledge graph of criminal–state networks and the migration corridors they feed.

One import package. In a checkout, graph/, loaders/, queries/, visualize/, neo4j_local/ and seed/
sit at the top of the repository and are linked into this folder; an install copies them in.
"""

from pathlib import Path

PACKAGE = Path(__file__).parent
ARTICLE_DATASET = PACKAGE / "seed"  # the built-in dataset: the curated facts of the policy article
