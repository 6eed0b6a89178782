"""Processing provider and one algorithm per batchable action."""
