// reaches: what reaches a migration corridor. Every chain from a state actor through a criminal
// group or smuggling network to $corridor, by the rules of csn trace: a state actor is a state
// body, or the holder of an office that held; the chain walks ties between actors and their
// control of places, takes one of the corridor's own legs only as its last step, and passes no
// other state actor or corridor; every fact on it held on $as_of (a date given as a year or a
// month counts to its end). At most 6 steps.
// Parameters:
//   $corridor         the corridor's id
//   $as_of            YYYY-MM-DD, or null for every date
//   $state_labels     labels of state bodies; $office_types types whose holders are state actors
//   $criminal_labels  labels of criminal groups and smuggling networks
//   $corridor_labels  labels of corridors
//   $ties, $legs      types walked anywhere on a chain, and only as its last step
MATCH (corridor:Entity {id: $corridor})
CALL () {
  MATCH (actor:Entity)
  WHERE any(label IN labels(actor) WHERE label IN $state_labels)
     OR EXISTS {
          MATCH (actor)-[office]->()
          WHERE type(office) IN $office_types
            AND ($as_of IS NULL OR ((office.valid_from IS NULL OR office.valid_from <= $as_of)
                                    AND (office.valid_to IS NULL OR $as_of <= office.valid_to + '~')))
        }
  RETURN collect(actor) AS state_actors
}
MATCH path = (start)
  ((a)-[tie]-(b)
    WHERE type(tie) IN $ties
      AND NOT b IN state_actors
      AND none(label IN labels(b) WHERE label IN $corridor_labels)
  ){0,5}
  (last)-[leg]-(corridor)
WHERE start IN state_actors AND (type(leg) IN $ties OR type(leg) IN $legs)
WITH path, nodes(path) AS chain
WHERE all(fact IN relationships(path)
          WHERE $as_of IS NULL OR ((fact.valid_from IS NULL OR fact.valid_from <= $as_of)
                                   AND (fact.valid_to IS NULL OR $as_of <= fact.valid_to + '~')))
  AND all(i IN range(0, size(chain) - 2) WHERE NOT chain[i] IN chain[i + 1..])
  AND any(n IN chain WHERE any(label IN labels(n) WHERE label IN $criminal_labels))
RETURN path
