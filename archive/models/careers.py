"""Personnel decisions (任免) and posts over time."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .meetings import AgendaItem, Meeting
from .people import Official


class Appointment(models.Model):
    """A personnel decision of a meeting that names its person (contract version 2 ``appointments``)."""

    class Action(models.TextChoices):
        APPOINT = "appoint", _("appoint")
        REMOVE = "remove", _("remove")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="appointments")
    agenda_item = models.ForeignKey(
        AgendaItem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="appointments",
        help_text=_("The agenda item whose text holds the decision, if any."),
    )
    official = models.ForeignKey(
        Official,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="appointments",
        help_text=_("The resolved person; empty when unresolved."),
    )
    name = models.CharField(_("name"), max_length=20, help_text=_("In simplified characters, as written."))
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    post = models.CharField(_("post"), max_length=100, blank=True, help_text=_("As written."))
    order = models.PositiveSmallIntegerField(_("order of mention"), default=0)
    start = models.PositiveIntegerField(null=True, blank=True, help_text=_("Span of the name in the normalised text."))
    end = models.PositiveIntegerField(null=True, blank=True)
    curated = models.BooleanField(_("curated"), default=False, help_text=_("Edited by a curator; a re-parse keeps it."))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("appointment")
        verbose_name_plural = _("appointments")
        ordering = ["meeting", "order"]
        indexes = [models.Index(fields=["official", "meeting"], name="appointment_official_idx")]

    def __str__(self):
        return f"{self.get_action_display()} {self.name} {self.post}".strip()
