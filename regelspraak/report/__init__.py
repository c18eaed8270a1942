"""Renderers: diagnostics, results and findings as console text, JSON, JUnit, SARIF."""
