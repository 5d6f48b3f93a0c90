// listed: whom an authority has put on a list, and since when. Every designation or sanction by
// $authority, oldest first.
// Parameters:
//   $authority  the authority's id
//   $listings   relationship types that put someone on a list
MATCH path = (listed:Entity)-[listing]->(authority:Entity {id: $authority})
WHERE type(listing) IN $listings
RETURN path, type(listing) AS listing, listing.valid_from AS since, listed.name AS name
ORDER BY since, name
