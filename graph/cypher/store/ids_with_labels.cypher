// ids_with_labels: the ids of the nodes that carry one of $labels, sorted.
MATCH (n)
WHERE any(label IN labels(n) WHERE label IN $labels)
RETURN n.id AS id
ORDER BY id
