"""Print layouts of the village plan maps."""
