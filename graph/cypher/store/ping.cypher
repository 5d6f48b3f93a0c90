// ping: whether the database answers a query (run once when the store connects).
RETURN 1 AS ok
