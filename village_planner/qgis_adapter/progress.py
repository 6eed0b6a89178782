"""Talking to a Processing feedback from a long job: progress text and cancellation."""

from ..core.errors import VillagePlannerError


class Cancelled(VillagePlannerError):
    """The user cancelled the job."""


def check_cancel(feedback):
    if feedback is not None and feedback.isCanceled():
        raise Cancelled()


def info(feedback, text):
    if feedback is not None:
        feedback.pushInfo(text)
