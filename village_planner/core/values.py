"""Missing values as the core sees them: None and NaN are both "no value"."""

import math


def is_missing(value):
    """True for None and for a float NaN (pandas' and numpy's missing number)."""
    return value is None or (isinstance(value, float) and math.isnan(value))


def text(value):
    """A value as stripped text; '' when it is missing."""
    return "" if is_missing(value) else str(value).strip()
