from django.db import models
from django.utils.translation import gettext_lazy as _

from .meetings import Meeting


class DiscardedParticipation(models.Model):
    """A participation the parser finds that a curator deleted, renamed or re-roled: a decision,
    so a re-parse does not bring the parser's (name, role) back."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="discarded_participations", verbose_name=_("meeting")
    )
    name = models.CharField(_("name"), max_length=20)
    role = models.CharField(_("role"), max_length=10)
    discarded_at = models.DateTimeField(auto_now_add=True, verbose_name=_("discarded at"))

    class Meta:
        verbose_name = _("discarded participation")
        verbose_name_plural = _("discarded participations")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "name", "role"], name="unique_discarded_participation")
        ]

    def __str__(self):
        return f"{self.name}（{self.role}）"

    @classmethod
    def remember(cls, meeting_id: int, name: str, role: str) -> None:
        cls.objects.get_or_create(meeting_id=meeting_id, name=name, role=role)


class DiscardedAgendaItem(models.Model):
    """An agenda item a curator deleted or retitled; a re-parse does not bring its title back."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="discarded_agenda_items", verbose_name=_("meeting")
    )
    title = models.CharField(_("title"), max_length=500)
    order = models.PositiveSmallIntegerField(_("order"), null=True, blank=True, help_text=_("Where it stood."))
    discarded_at = models.DateTimeField(auto_now_add=True, verbose_name=_("discarded at"))

    class Meta:
        verbose_name = _("discarded agenda item")
        verbose_name_plural = _("discarded agenda items")
        constraints = [models.UniqueConstraint(fields=["meeting", "title"], name="unique_discarded_agenda_item")]

    def __str__(self):
        return self.title

    @classmethod
    def remember(cls, meeting_id: int, title: str, order: int | None) -> None:
        cls.objects.get_or_create(meeting_id=meeting_id, title=title, defaults={"order": order})
