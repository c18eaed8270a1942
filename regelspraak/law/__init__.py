"""Law texts: citations, the law tree, and the readers that build it (BWB XML, plain text)."""
