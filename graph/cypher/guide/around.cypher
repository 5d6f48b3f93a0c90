// around: who and what surrounds one entity. Every chain of one or two ties from $centre, either
// direction (write {1,3} for three).
// Parameters:
//   $centre  the entity's id
//   $ties    relationship types to follow
MATCH path = (centre:Entity {id: $centre}) (()-[tie]-() WHERE type(tie) IN $ties){1,2} ()
RETURN path
