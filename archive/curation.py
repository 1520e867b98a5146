"""What curators do to people and meetings, as functions the admin calls and tests call directly."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _
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
    Tenure,
)


class MergeRefused(Exception):
    """A merge that would give the kept official a key another official, left out of it, holds."""


def merge_order(officials: list[Official]) -> list[Official]:
    """The officials as the merge form offers them: first (the default to keep) the record with a
    division and the most meetings, then by id."""
    meetings = dict(
        Participation.objects.filter(official__in=officials)
        .values("official")
        .annotate(n=Count("meeting_id", distinct=True))
        .values_list("official", "n")
    )
    for o in officials:
        o.meeting_count = meetings.get(o.id, 0)
    return sorted(officials, key=lambda o: (o.division_id is None, -o.meeting_count, o.id))


@transaction.atomic
def merge_officials(keep: Official, others: list[Official]) -> int:
    """Fold ``others`` into ``keep``: participations, appointments and curated tenures move (each
    with a history record), names become aliases, old ids redirect.

    Returns the number of participations moved. Nothing is deleted that is not kept elsewhere:
    each merged official's name and aliases stay as aliases of ``keep``. The others are deleted
    before ``keep`` takes a division from them, so ``keep`` never holds their key while they
    exist (a 500 on the form's default choice, issue 15).
    """
    others = [o for o in others if o.pk != keep.pk]
    if not others:
        return 0
    other_ids = [o.pk for o in others]
    if not keep.locality:
        keep.locality = next((o.locality for o in others if o.locality), "")
    if keep.division_id is None:
        keep.division_id = next((o.division_id for o in others if o.division_id), None)
    _refuse_a_taken_key(keep, other_ids)
    ensure_baseline(Official, [keep.pk, *other_ids])
    moving = _move_with_history(Participation, Participation.objects.filter(official_id__in=other_ids), keep)
    # Appointments (and the careers they make) go with the person.
    _move_with_history(Appointment, Appointment.objects.filter(official_id__in=other_ids), keep)
    # A curator's tenure goes too, unless keep holds that post already; the rest are recomputed.
    held = Tenure.objects.filter(official=keep).values("post_id")
    curated = Tenure.objects.filter(official_id__in=other_ids, curated=True).exclude(post_id__in=held)
    _move_with_history(Tenure, curated.order_by("post_id", "id"), keep, one_per="post_id")
    spellings = {o.name for o in others} | set(
        OfficialAlias.objects.filter(official_id__in=other_ids).values_list("name", flat=True)
    )
    spellings.discard(keep.name)
    OfficialAlias.objects.bulk_create(
        [OfficialAlias(official=keep, name=name) for name in sorted(spellings)], ignore_conflicts=True
    )
    # Links saved for an id merged earlier into one of these now lead to ``keep`` too.
    OfficialRedirect.objects.filter(official_id__in=other_ids).update(official=keep)
    if keep.notes or any(o.notes for o in others):
        keep.notes = "\n".join(n for n in [keep.notes, *(o.notes for o in others)] if n)
    for other in others:
        other.delete()
    OfficialRedirect.objects.bulk_create([OfficialRedirect(old_id=pk, official=keep) for pk in other_ids])
    keep.save()
    tenures.refresh([keep.pk])
    return moving


def _refuse_a_taken_key(keep: Official, merged_ids: list[int]) -> None:
    if keep.division_id is not None:
        same = Official.objects.filter(division_id=keep.division_id)
    else:
        same = Official.objects.filter(division__isnull=True, locality=keep.locality)
    holder = (
        same.filter(name=keep.name, disambiguation=keep.disambiguation).exclude(pk__in=[keep.pk, *merged_ids]).first()
    )
    if holder is not None:
        raise MergeRefused(
            _("%(kept)s would become the same record as %(holder)s (#%(id)d); include it in the merge.")
            % {"kept": keep.name, "holder": holder, "id": holder.pk}
        )


def _move_with_history(model, rows, keep: Official, one_per: str | None = None) -> int:
    """Point these rows at ``keep`` through save-with-history: their state before is recorded
    first (a bulk-loaded row has no history of its own yet), then the move."""
    rows = list(rows)
    if one_per:  # one row per value of this field (two merged officials' tenures of one post)
        firsts = {}
        for row in rows:
            firsts.setdefault(getattr(row, one_per), row)
        rows = list(firsts.values())
    ensure_baseline(model, [r.pk for r in rows])
    for row in rows:
        row.official = keep
    bulk_update_with_history(rows, model, ["official"], batch_size=1000)
    return len(rows)


@transaction.atomic
def split_official(
    participations: list[Participation], *, name: str | None = None, locality: str | None = None
) -> Official:
    """Move these participations to a new official (two people who share a name)."""
    first = participations[0]
    previous = first.official_id
    ensure_baseline(Participation, [p.pk for p in participations])
    official = Official(
        name=name or first.name,
        locality=locality if locality is not None else (first.official.locality if first.official else ""),
        division=first.official.division if first.official and locality is None else None,
    )
    official.disambiguation = _free_disambiguation(official, f"#{first.id}")
    official.save()
    for p in participations:
        p.official = official
        p.curated = True
    bulk_update_with_history(participations, Participation, ["official", "curated"], batch_size=1000)
    # The person's appointments in those meetings go with them.
    appointments = Appointment.objects.filter(
        meeting_id__in={p.meeting_id for p in participations}, name=first.name, official_id=previous
    )
    _move_with_history(Appointment, appointments, official)
    tenures.refresh([official.pk, previous])
    return official


def _free_disambiguation(official: Official, wanted: str) -> str:
    """``wanted``, or ``wanted-2``, ``-3`` ... when an official of that name and place holds it
    (a participation split twice: the first split's official took ``#<id>``)."""
    if official.division_id is not None:
        same = Official.objects.filter(division_id=official.division_id)
    else:
        same = Official.objects.filter(division__isnull=True, locality=official.locality)
    taken = set(same.filter(name=official.name).values_list("disambiguation", flat=True))
    candidate, n = wanted, 1
    while candidate in taken:
        n += 1
        candidate = f"{wanted}-{n}"
    return candidate


def mark_reviewed(meetings) -> int:
    """Take meetings out of the review queue; a re-parse will not put them back."""
    meetings = [as_meeting(m) for m in meetings]
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


def assign(meetings, curator) -> int:
    """Give meetings to a curator to review (``None``: to nobody), each saved with a history
    record. The number of meetings whose curator changed."""
    meetings = [as_meeting(m) for m in meetings]
    ensure_baseline(Meeting, [m.pk for m in meetings])
    count = 0
    for meeting in meetings:
        if meeting.assigned_to_id == (curator.pk if curator else None):
            continue
        meeting.assigned_to = curator
        meeting.save()
        count += 1
    return count


def as_meeting(meeting: Meeting) -> Meeting:
    """The review queue's row (a proxy, MeetingForReview) as a Meeting, so that saving it sends
    the signals of Meeting: history (simple-history records the concrete model only), search."""
    if type(meeting) is not Meeting:
        meeting.__class__ = Meeting
    return meeting


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


def lock_documents(meeting: Meeting) -> None:
    """A curator linked or unlinked the meeting's documents: a re-parse keeps the set it has."""
    if "documents" not in meeting.locked_fields:
        meeting.locked_fields = [*meeting.locked_fields, "documents"]


def lock_documents_of(meeting_ids) -> None:
    """``lock_documents`` for meetings by id, each saved with a history record."""
    meetings = [m for m in Meeting.objects.filter(pk__in=set(meeting_ids)) if "documents" not in m.locked_fields]
    ensure_baseline(Meeting, [m.pk for m in meetings])
    for meeting in meetings:
        lock_documents(meeting)
        meeting.save(update_fields=["locked_fields", "updated_at"])


def set_meeting_fields(meetings, values: dict) -> int:
    """Set these fields (of Meeting.PARSED_FIELDS: locality, division, year, body ...) on every
    meeting, each saved with a history record and the fields it changed locked. The number of
    meetings changed."""
    meetings = [as_meeting(m) for m in meetings]  # from the review queue too: history follows
    ensure_baseline(Meeting, [m.pk for m in meetings])
    changed_count = 0
    for meeting in meetings:
        changed = [name for name, value in values.items() if getattr(meeting, name) != value]
        if not changed:
            continue
        for name in changed:
            setattr(meeting, name, values[name])
        lock_edited_fields(meeting, changed)
        meeting.save()
        changed_count += 1
    return changed_count
