"""Populations and scenarios over the vectorised engine (issue 4)."""
