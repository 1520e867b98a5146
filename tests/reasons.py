"""Review reasons as tests read them: the stored values as text, 'kind' or 'kind: detail'."""

from archive.review import reasons_from_stored


def reasons_of(meeting_or_stored) -> list[str]:
    """['year-missing', 'ambiguous-official: 陈健'] for a meeting (or a stored list) whose reasons
    are those values."""
    stored = getattr(meeting_or_stored, "review_reasons", meeting_or_stored)
    return [reason.as_text() for reason in reasons_from_stored(stored)]
