// record: everything on record about one entity. Every fact it takes part in, either direction,
// with how sure it is and when it held, oldest first.
// Parameters:
//   $id  the entity's id
MATCH path = (entity:Entity {id: $id})-[fact]-(other)
RETURN path, type(fact) AS fact, other.name AS with_whom, fact.status AS status,
       fact.valid_from AS since, fact.valid_to AS until
ORDER BY since, fact, with_whom
