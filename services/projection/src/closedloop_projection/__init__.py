"""Projection: one read-model document per complaint, and the query API over it."""
