"""Network views of graphs and query results, as self-contained pyvis HTML."""
