// shortest_between: for each source and each target, every shortest path between them (either
// direction) over usable edges. queries/brokers.py counts who sits in the middle of these paths
// from state actors to criminal groups.
// Parameters:
//   $sources, $targets  lists of ids
//   $types, $ranks, $min_rank, $as_of   as in connect_paths (every node may lie between)
// Hop bound: {1,4}; the store rewrites it for other maximums.
MATCH (source:Entity) WHERE source.id IN $sources
MATCH (target:Entity) WHERE target.id IN $targets AND target <> source
MATCH path = ALL SHORTEST (source)
  ((x)-[r]-(y)
    WHERE ($types IS NULL OR type(r) IN $types)
      AND $ranks[r.status] >= $min_rank
      AND ($as_of IS NULL OR ((r.valid_from IS NULL OR r.valid_from <= $as_of)
                              AND (r.valid_to IS NULL OR $as_of <= r.valid_to + '~')))
  ){1,4}
  (target)
RETURN [n IN nodes(path) | n.id] AS node_ids, [r IN relationships(path) | r.id] AS edge_ids
