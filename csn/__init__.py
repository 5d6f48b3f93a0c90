"""The `csn` command line: a thin layer over the library (graph, loaders, queries, visualize)."""
