"""Keep the search index in step with what curators change in the admin, and remember the
parsed rows curators delete, rename or re-role, so a re-parse does not bring them back.

The loader writes rows and their index entries itself (in bulk, without signals).
"""

import threading

from django.db import transaction
from django.db.models import QuerySet
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.dispatch import receiver

from . import curation, review, search
from .history import ensure_baseline
from .models import (
    AgendaItem,
    DiscardedAgendaItem,
    DiscardedParticipation,
    Document,
    Meeting,
    Participation,
    SearchEntry,
    SourceDocument,
)
from .records.curation import is_replacing_parsed_rows

_local = threading.local()  # one pending set per thread: each thread has its own connection


def _pending() -> set[int]:
    if not hasattr(_local, "ids"):
        _local.ids = set()
    return _local.ids


def reindex_after_commit(meeting_ids):
    """Re-index these meetings once the transaction commits. Deleting a meeting's 100 rows sends
    100 signals; the ids gather here and the first callback re-indexes them all at once."""
    meeting_ids = {i for i in meeting_ids if i}
    if meeting_ids:
        _pending().update(meeting_ids)
        transaction.on_commit(_flush)


def _flush():
    pending = _pending()
    if pending:
        ids = set(pending)
        pending.clear()
        search.reindex_meetings(ids)


@receiver(post_save, sender=Meeting)
def meeting_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        reindex_after_commit([instance.id])


@receiver(post_delete, sender=Meeting)
def meeting_deleted(sender, instance, **kwargs):
    SearchEntry.objects.filter(meeting_id=instance.id).delete()
    text = SourceDocument.objects.filter(id=instance.source_id).values_list("text", flat=True).first()
    search.forget_texts([(instance.id, text)])


@receiver([post_save, post_delete], sender=Participation)
@receiver([post_save, post_delete], sender=AgendaItem)
def part_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        reindex_after_commit([instance.meeting_id])


@receiver([post_save, post_delete], sender=Participation)
@receiver([post_save, post_delete], sender=AgendaItem)
def row_may_resolve_review(sender, instance, raw=False, origin=None, **kwargs):
    """A chair added, an agenda item added, an ambiguous name linked: the meeting's review reasons
    that the change resolves go (archive.review). A re-parse sets the reasons itself."""
    if raw or is_replacing_parsed_rows() or not _a_curators_decision(origin if origin is not None else instance):
        return
    if sender.meeting.is_cached(instance):
        reasons = instance.meeting.review_reasons
    else:
        reasons = Meeting.objects.filter(pk=instance.meeting_id).values_list("review_reasons", flat=True).first()
    if not review.about_rows(reasons):
        return
    meeting = Meeting.objects.filter(pk=instance.meeting_id).first()
    if meeting is not None and meeting.refresh_review_reasons():
        ensure_baseline(Meeting, [meeting.pk])
        meeting.save(update_fields=["review_reasons", "needs_review", "updated_at"])
        if sender.meeting.is_cached(instance):
            instance.meeting.review_reasons, instance.meeting.needs_review = (
                meeting.review_reasons,
                meeting.needs_review,
            )


@receiver(post_save, sender=Document)
def document_saved(sender, instance, raw=False, **kwargs):
    if not raw and instance.pk:
        reindex_after_commit(list(instance.meetings.values_list("id", flat=True)))


@receiver(m2m_changed, sender=Document.meetings.through)
def document_links_changed(sender, instance, action, pk_set, **kwargs):
    if action.startswith("post_"):
        meeting_ids = [instance.id] if isinstance(instance, Meeting) else list(pk_set or [])
        reindex_after_commit(meeting_ids)
        if action in ("post_add", "post_remove") and not is_replacing_parsed_rows() and pk_set:
            # A curator linked or unlinked documents (import, a document's page): a re-parse keeps them.
            curation.lock_documents_of(meeting_ids)


def _a_curators_decision(origin) -> bool:
    """Rows the writer replaces, or that go with their meeting, are nobody's decision."""
    model = origin.model if isinstance(origin, QuerySet) else type(origin)
    return not is_replacing_parsed_rows() and not issubclass(model, Meeting)


@receiver(post_delete, sender=Participation)
def participation_deleted(sender, instance, origin=None, **kwargs):
    if _a_curators_decision(origin):
        DiscardedParticipation.remember(instance.meeting_id, instance.name, instance.role)


@receiver(post_delete, sender=AgendaItem)
def agenda_item_deleted(sender, instance, origin=None, **kwargs):
    if _a_curators_decision(origin):
        DiscardedAgendaItem.remember(instance.meeting_id, instance.title, instance.order)


@receiver(pre_save, sender=Participation)
def participation_renamed(sender, instance, raw=False, **kwargs):
    """A rename or a new role replaces what the parser found: the parser's (name, role) is discarded."""
    if raw or instance.pk is None or is_replacing_parsed_rows():
        return
    before = Participation.objects.filter(pk=instance.pk).values_list("meeting_id", "name", "role").first()
    if before and before[1:] != (instance.name, instance.role):
        DiscardedParticipation.remember(*before)


@receiver(pre_save, sender=AgendaItem)
def agenda_item_retitled(sender, instance, raw=False, **kwargs):
    if raw or instance.pk is None or is_replacing_parsed_rows():
        return
    before = AgendaItem.objects.filter(pk=instance.pk).values_list("meeting_id", "title", "order").first()
    if before and before[1] != instance.title:
        DiscardedAgendaItem.remember(*before)
