"""Draft bills (wetsvoorstellen): changes relative to a current model, and their rule diff."""
