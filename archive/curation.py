"""What curators do to people and meetings, as functions the admin calls and tests call directly."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_update_with_history

from .careers import tenures
from .history import ensure_baseline
from .models import (
    Appointment,
    CrossPlaceCandidate,
    Meeting,
    Official,
    OfficialAlias,
    OfficialRedirect,
    Participation,
)


@transaction.atomic
def merge_officials(keep: Official, others: list[Official]) -> int:
    """Fold ``others`` into ``keep``: participations move, names become aliases, old ids redirect.

    Returns the number of participations moved. Nothing is deleted that is not kept elsewhere:
    each merged official's name and aliases stay as aliases of ``keep``.
    """
    others = [o for o in others if o.pk != keep.pk]
    if not others:
        return 0
    other_ids = [o.pk for o in others]
    moving = list(Participation.objects.filter(official_id__in=other_ids))
    ensure_baseline(Participation, [p.pk for p in moving])
    ensure_baseline(Official, [keep.pk, *other_ids])
    for p in moving:
        p.official = keep
    bulk_update_with_history(moving, Participation, ["official"], batch_size=1000)
    # Appointments (and the careers they make) go with the person.
    Appointment.objects.filter(official_id__in=other_ids).update(official=keep)
    spellings = {o.name for o in others} | set(
        OfficialAlias.objects.filter(official_id__in=other_ids).values_list("name", flat=True)
    )
    spellings.discard(keep.name)
    OfficialAlias.objects.bulk_create(
        [OfficialAlias(official=keep, name=name) for name in sorted(spellings)], ignore_conflicts=True
    )
    # Links saved for an id merged earlier into one of these now lead to ``keep`` too.
    OfficialRedirect.objects.filter(official_id__in=other_ids).update(official=keep)
    OfficialRedirect.objects.bulk_create([OfficialRedirect(old_id=pk, official=keep) for pk in other_ids])
    if not keep.locality:
        keep.locality = next((o.locality for o in others if o.locality), "")
    if keep.division_id is None:
        keep.division_id = next((o.division_id for o in others if o.division_id), None)
    if keep.notes or any(o.notes for o in others):
        keep.notes = "\n".join(n for n in [keep.notes, *(o.notes for o in others)] if n)
    keep.save()
    for other in others:
        other.delete()
    tenures.refresh([keep.pk])
    return len(moving)


@transaction.atomic
def split_official(
    participations: list[Participation], *, name: str | None = None, locality: str | None = None
) -> Official:
    """Move these participations to a new official (two people who share a name)."""
    first = participations[0]
    previous = first.official_id
    ensure_baseline(Participation, [p.pk for p in participations])
    official = Official.objects.create(
        name=name or first.name,
        locality=locality if locality is not None else (first.official.locality if first.official else ""),
        division=first.official.division if first.official and locality is None else None,
        disambiguation=f"#{first.id}",
    )
    for p in participations:
        p.official = official
        p.curated = True
    bulk_update_with_history(participations, Participation, ["official", "curated"], batch_size=1000)
    # The person's appointments in those meetings go with them.
    Appointment.objects.filter(
        meeting_id__in={p.meeting_id for p in participations}, name=first.name, official_id=previous
    ).update(official=official)
    tenures.refresh([official.pk, previous])
    return official


def mark_reviewed(meetings) -> int:
    """Take meetings out of the review queue; a re-parse will not put them back."""
    meetings = list(meetings)
    ensure_baseline(Meeting, [m.pk for m in meetings])
    count = 0
    for meeting in meetings:
        meeting.needs_review = False
        meeting.review_reasons = []
        if "needs_review" not in meeting.locked_fields:
            meeting.locked_fields = [*meeting.locked_fields, "needs_review"]
        meeting.save()
        count += 1
    return count


def lock_edited_fields(meeting: Meeting, changed: list[str]) -> None:
    """Remember which parsed fields a curator corrected, so a re-parse keeps them."""
    edited = [f for f in changed if f in Meeting.PARSED_FIELDS and f not in meeting.locked_fields]
    if edited:
        meeting.locked_fields = [*meeting.locked_fields, *edited]


# Cross-place candidates (archive.careers.candidates proposes them): a curator decides.


@transaction.atomic
def accept(candidate: CrossPlaceCandidate, user=None) -> None:
    """One person: the earlier record is merged into the later, which keeps both careers (the
    participations, appointments and tenures of both). Other open pairs of the earlier record
    now name the later one."""
    earlier, later = candidate.earlier, candidate.later
    if earlier is None or later is None or candidate.status != CrossPlaceCandidate.Status.OPEN:
        return
    _decide(candidate, CrossPlaceCandidate.Status.ACCEPTED, user)
    others = CrossPlaceCandidate.objects.filter(status=CrossPlaceCandidate.Status.OPEN)
    others.filter(earlier=earlier).exclude(later=later).update(earlier=later)
    others.filter(later=earlier).exclude(earlier=later).update(later=later)
    merge_officials(later, [earlier])


def reject(candidate: CrossPlaceCandidate, user=None) -> None:
    """Two people: the pair stays, rejected, and is never proposed again."""
    if candidate.status == CrossPlaceCandidate.Status.OPEN:
        _decide(candidate, CrossPlaceCandidate.Status.REJECTED, user)


def _decide(candidate, status, user) -> None:
    candidate.status, candidate.decided_at = status, timezone.now()
    candidate.decided_by = user if user is not None and user.is_authenticated else None
    candidate.save(update_fields=["status", "decided_at", "decided_by"])
