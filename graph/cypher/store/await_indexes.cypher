// await_indexes: wait until every index and constraint is online, at most $seconds (after a bulk
// import the server builds them).
CALL db.awaitIndexes($seconds)
