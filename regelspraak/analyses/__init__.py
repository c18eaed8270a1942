"""Analyses over the typed model: conflicts, gaps, cliffs, misreporting incentives (issue 5)."""
