"""Persistence: models, engine, and the few queries each feature needs (next to it)."""
