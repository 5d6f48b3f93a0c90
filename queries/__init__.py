"""Questions investigators ask, as functions over any GraphStore."""
