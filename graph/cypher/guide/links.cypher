// links: who links two entities, and on what evidence. The shortest chains of ties between $a and
// $b, either direction, then those of the next lengths that have any, three lengths in all (at
// most 6 steps), no entity twice on a chain; beside each chain, every fact on it with its status
// and the titles of its sources.
// Parameters:
//   $a, $b   the two entities' ids
//   $ties    relationship types a chain may use
MATCH (a:Entity {id: $a}), (b:Entity {id: $b})
MATCH path = SHORTEST 3 GROUPS (a) (()-[tie]-() WHERE type(tie) IN $ties){1,6} (b)
WITH path, nodes(path) AS chain
WHERE all(i IN range(0, size(chain) - 2) WHERE NOT chain[i] IN chain[i + 1..])
RETURN path,
       [fact IN relationships(path) | {
          fact: type(fact), status: fact.status,
          sources: COLLECT { MATCH (source:Entity) WHERE source.id IN fact.sources RETURN source.title }
       }] AS evidence
