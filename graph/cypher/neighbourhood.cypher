// neighbourhood: the ego network of one entity. Every node within $hops usable edges of $centre
// (either direction) with its distance, and every usable edge from a node nearer than $hops (its
// other end is then in the neighbourhood too, unless its label is filtered out). Paging and
// ordering happen in queries/neighbourhood.py.
// Parameters:
//   $centre           the id of the entity
//   $types, $labels   usable relationship types and node labels (null: all)
//   $hops             how far to go
//   $ranks, $min_rank, $as_of   as in connect_paths
// Hop bound: {1,2}; the store rewrites it to {1,$hops}.
MATCH (centre:Entity {id: $centre})
OPTIONAL MATCH path = ANY SHORTEST (centre)
  ((x)-[r]-(y)
    WHERE ($types IS NULL OR type(r) IN $types)
      AND $ranks[r.status] >= $min_rank
      AND ($as_of IS NULL OR ((r.valid_from IS NULL OR r.valid_from <= $as_of)
                              AND (r.valid_to IS NULL OR $as_of <= r.valid_to + '~')))
      AND ($labels IS NULL OR any(label IN labels(y) WHERE label IN $labels))
  ){1,2}
  (reached)
WHERE reached <> centre
WITH centre, collect({id: reached.id, distance: length(path)}) AS found
WITH [{id: centre.id, distance: 0}] + [f IN found WHERE f.id IS NOT NULL] AS ball
UNWIND ball AS near
OPTIONAL MATCH (u:Entity {id: near.id})-[r]-(v)
WHERE near.distance < $hops
  AND ($types IS NULL OR type(r) IN $types)
  AND $ranks[r.status] >= $min_rank
  AND ($as_of IS NULL OR ((r.valid_from IS NULL OR r.valid_from <= $as_of)
                          AND (r.valid_to IS NULL OR $as_of <= r.valid_to + '~')))
  AND (v.id = $centre OR $labels IS NULL OR any(label IN labels(v) WHERE label IN $labels))
WITH ball, collect(DISTINCT r.id) AS edge_ids
RETURN ball, edge_ids
