// all_edges: every relationship with its type, its ends' ids and its properties, ordered by id.
MATCH (a)-[r]->(b)
RETURN type(r) AS type, a.id AS from_id, b.id AS to_id, properties(r) AS props
ORDER BY r.id
