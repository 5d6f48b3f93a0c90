// clear: delete every node and relationship, in transactions of 10000 rows so that a large
// database does not need one huge transaction. The store rewrites "10000 ROWS" for other sizes.
MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS
