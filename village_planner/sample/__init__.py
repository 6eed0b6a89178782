"""Synthetic sample county in the survey schema (deterministic by seed)."""
