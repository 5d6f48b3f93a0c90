// state_actors: ids of every state actor under the filters: a node with a state label, or the
// holder of an office relationship that is strong enough and held on the as-of date (the same
// rule find_paths uses for its starts).
// Parameters: $state_labels, $office_types, $ranks (status -> rank), $min_rank, $as_of (or null).
MATCH (n)
WHERE any(label IN labels(n) WHERE label IN $state_labels)
   OR EXISTS {
        MATCH (n)-[office]->()
        WHERE type(office) IN $office_types
          AND $ranks[office.status] >= $min_rank
          AND ($as_of IS NULL OR ((office.valid_from IS NULL OR office.valid_from <= $as_of)
                                  AND (office.valid_to IS NULL OR $as_of <= office.valid_to + '~')))
      }
RETURN n.id AS id ORDER BY id
