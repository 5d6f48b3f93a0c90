// connect_paths: how two entities are connected. Every simple path between $a and $b, either
// direction, of the shortest length, then of the next length that has any, up to $groups
// lengths ("SHORTEST k GROUPS"); the ranking and grouping into routes happen in queries/connect.py.
// Parameters:
//   $a, $b            the ids of the two entities
//   $types            relationship types that may be used (null: every type)
//   $labels           labels that nodes between the two may have (null: every label)
//   $ranks            map of evidence status to rank; $min_rank the weakest rank allowed
//   $as_of            YYYY-MM-DD or null: only facts that held that day
//   $max_paths        stop after this many paths
// Literals: SHORTEST 3 GROUPS (how many path lengths) and the hop bound {1,6}; the store
// rewrites both for other values, since Cypher takes no parameter in either place.
MATCH (a:Entity {id: $a}), (b:Entity {id: $b})
MATCH path = SHORTEST 3 GROUPS (a)
  ((x)-[r]-(y)
    WHERE ($types IS NULL OR type(r) IN $types)
      AND $ranks[r.status] >= $min_rank
      AND ($as_of IS NULL OR ((r.valid_from IS NULL OR r.valid_from <= $as_of)
                              AND (r.valid_to IS NULL OR $as_of <= r.valid_to + '~')))
      AND (y.id = $b OR $labels IS NULL OR any(label IN labels(y) WHERE label IN $labels))
  ){1,6}
  (b)
WITH path, nodes(path) AS visited
WHERE all(i IN range(0, size(visited) - 2) WHERE NOT visited[i] IN visited[i + 1..])
RETURN [n IN visited | n.id] AS node_ids, [r IN relationships(path) | r.id] AS edge_ids
LIMIT $max_paths + 1
