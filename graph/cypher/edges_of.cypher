// edges_of: every fact an entity takes part in, in either direction, ordered by id. The profile
// query (queries/profile.py) groups them by type and orders them into a timeline.
// Parameters: $id the entity's id.
MATCH (n:Entity {id: $id})
CALL (n) {
  MATCH (a)-[r]->(n) RETURN a, r, n AS b
  UNION
  MATCH (n)-[r]->(b) RETURN n AS a, r, b
}
RETURN type(r) AS type, a.id AS from_id, b.id AS to_id, properties(r) AS props
ORDER BY props.id
