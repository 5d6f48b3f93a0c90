"""The schema, the record types and the stores. Imports nothing else of the project."""
