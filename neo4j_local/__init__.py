"""A local Neo4j Community server for development and tests, and what its Browser shows.

`server` installs (from Maven Central), configures, starts and stops a server in a folder of its
own; `browser` generates the Browser's style and guide from the schema and serves them;
`throwaway` runs a server on free ports in a temporary folder, for the tests.
"""
