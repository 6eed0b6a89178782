"""The plugin's one root error: every error it raises for a planner to read derives from it.

Its message is written for the user (translated, naming the layer, feature, field or
parameter); ``VillagePlannerAlgorithm.user_errors()`` (processing/base.py) turns any of
them into a QgsProcessingException. Anything else that escapes is a defect, not a user error.
"""


class VillagePlannerError(Exception):
    """An error with a message for the planner."""
