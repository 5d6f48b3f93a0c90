"""The workbench's pages, by group: search and entities, paths (trace, connect, corridor,
brokers), lists (imports and review) and the article's claims."""
