"""The command line: parses options and prints; the library does the work."""
