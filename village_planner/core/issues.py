"""Data-check findings: what a checker reports before and during a job."""

import dataclasses
from dataclasses import dataclass

from .i18n import N_

ERROR = "ERROR"
WARNING = "WARNING"
SEVERITY_LABELS = (N_("ERROR"), N_("WARNING"))  # shown through tr()


@dataclass
class Finding:
    severity: str
    message: str
    layer: str = ""
    feature_id: object = None
    field: str = ""
    code: str = ""
    extra: dict = dataclasses.field(default_factory=dict)

    @property
    def is_error(self):
        return self.severity == ERROR

    def as_row(self):
        return {
            "severity": self.severity,
            "code": self.code,
            "layer": self.layer,
            "feature_id": "" if self.feature_id is None else str(self.feature_id),
            "field": self.field,
            "message": self.message,
        }


class FindingList(list):
    """A list of findings with a few conveniences."""

    def error(self, message, **kw):
        self.append(Finding(ERROR, message, **kw))

    def warning(self, message, **kw):
        self.append(Finding(WARNING, message, **kw))

    @property
    def errors(self):
        return [f for f in self if f.is_error]

    @property
    def warnings(self):
        return [f for f in self if not f.is_error]

    def has_errors(self):
        return any(f.is_error for f in self)
