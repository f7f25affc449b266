"""Models for this package (added by its feature work)."""
