"""Loaders turn files into validated nodes and edges; they never touch a store."""
