"""A case: the datasets, kept imports and decisions that make the graph, assembled in one place."""
