// find_paths: paths from state actors through criminal or smuggling groups to migration corridors.
// The rules are graph/store.py's PathQuery; the in-memory store follows the same ones.
// Parameters:
//   $start_ids        ids to start from; only state actors among them start a path (to start
//                     from every state actor, pass the ids state_actors.cypher returns)
//   $state_labels     labels of state bodies; $office_types types whose holders are state actors
//   $end_ids          list of corridor ids to end at (null: any corridor)
//   $always_types     relationship types walked anywhere on a path
//   $last_types       relationship types walked only as the hop that reaches the corridor
//   $corridor_labels  labels of corridors; $criminal_labels labels of criminal or smuggling groups
//   $ranks            map of evidence status to rank; $min_rank the weakest rank allowed
//   $as_of            YYYY-MM-DD or null; $max_hops at most this many hops;
//   $max_paths        stop after this many paths
// Hop bound: {0,5} allows 6 hops in all; the store rewrites it for other maximums (Cypher
// wants a literal there, and refuses {0,0}, hence the size check below as well).
MATCH (start:Entity)
WHERE start.id IN $start_ids
  AND (any(label IN labels(start) WHERE label IN $state_labels)
       OR EXISTS {
            MATCH (start)-[office]->()
            WHERE type(office) IN $office_types
              AND $ranks[office.status] >= $min_rank
              AND ($as_of IS NULL OR ((office.valid_from IS NULL OR office.valid_from <= $as_of)
                                      AND (office.valid_to IS NULL OR $as_of <= office.valid_to + '~')))
          })
// Each step is checked as the path grows: a usable edge, and a next node that is neither a
// corridor nor a state actor (a state body, or the holder of an office that holds).
MATCH path = (start)
  ((a)-[walked]-(b)
    WHERE type(walked) IN $always_types
      AND $ranks[walked.status] >= $min_rank
      AND ($as_of IS NULL OR ((walked.valid_from IS NULL OR walked.valid_from <= $as_of)
                              AND (walked.valid_to IS NULL OR $as_of <= walked.valid_to + '~')))
      AND none(label IN labels(b) WHERE label IN $corridor_labels)
      AND none(label IN labels(b) WHERE label IN $state_labels)
      AND NOT EXISTS {
            MATCH (b)-[office]->()
            WHERE type(office) IN $office_types
              AND $ranks[office.status] >= $min_rank
              AND ($as_of IS NULL OR ((office.valid_from IS NULL OR office.valid_from <= $as_of)
                                      AND (office.valid_to IS NULL OR $as_of <= office.valid_to + '~')))
          }
  ){0,5}
  (last)-[final]-(corridor)
WHERE (type(final) IN $always_types OR type(final) IN $last_types)
  AND $ranks[final.status] >= $min_rank
  AND ($as_of IS NULL OR ((final.valid_from IS NULL OR final.valid_from <= $as_of)
                          AND (final.valid_to IS NULL OR $as_of <= final.valid_to + '~')))
  AND any(label IN labels(corridor) WHERE label IN $corridor_labels)
  AND ($end_ids IS NULL OR corridor.id IN $end_ids)
WITH path, nodes(path) AS visited
WHERE size(visited) <= $max_hops + 1
  AND all(i IN range(0, size(visited) - 2) WHERE NOT visited[i] IN visited[i + 1..])
  AND any(n IN visited WHERE any(label IN labels(n) WHERE label IN $criminal_labels))
RETURN [n IN visited | n.id] AS node_ids, [r IN relationships(path) | r.id] AS edge_ids
LIMIT $max_paths + 1
