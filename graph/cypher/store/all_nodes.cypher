// all_nodes: every node with its labels and properties, ordered by id.
MATCH (n)
RETURN labels(n) AS labels, properties(n) AS props
ORDER BY n.id
