"""Personnel decisions (任免) and posts over time."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from archive.parsing.result import Action as ParsedAction

from .meetings import AgendaItem, Meeting
from .people import Official
from .sources import choices_of


class Appointment(models.Model):
    """A personnel decision of a meeting that names its person (contract version 2 ``appointments``)."""

    Action = choices_of("Action", ParsedAction, {ParsedAction.APPOINT: _("appoint"), ParsedAction.REMOVE: _("remove")})

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="appointments", verbose_name=_("meeting")
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="appointments",
        help_text=_("The agenda item whose text holds the decision, if any."),
        verbose_name=_("agenda item"),
    )
    official = models.ForeignKey(
        Official,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="appointments",
        help_text=_("The resolved person; empty when unresolved."),
        verbose_name=_("official"),
    )
    name = models.CharField(_("name"), max_length=20, help_text=_("In simplified characters, as written."))
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    post = models.CharField(_("post"), max_length=100, blank=True, help_text=_("As written."))
    order = models.PositiveSmallIntegerField(_("order of mention"), default=0)
    start = models.PositiveIntegerField(
        null=True, blank=True, help_text=_("Span of the name in the normalised text."), verbose_name=_("start")
    )
    end = models.PositiveIntegerField(null=True, blank=True, verbose_name=_("end"))
    curated = models.BooleanField(_("curated"), default=False, help_text=_("Edited by a curator; a re-parse keeps it."))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("appointment")
        verbose_name_plural = _("appointments")
        ordering = ["meeting", "order"]
        indexes = [models.Index(fields=["official", "meeting"], name="appointment_official_idx")]

    def __str__(self):
        return f"{self.get_action_display()} {self.name} {self.post}".strip()


class Post(models.Model):
    """An office in an organ of a division: (柯桥区) 区政府 区长. Made from titles as written
    (archive.careers.posts, the table in archive/careers/data/offices.csv)."""

    division = models.ForeignKey(
        "archive.Division",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="posts",
        verbose_name=_("division"),
    )
    organ = models.CharField(_("organ"), max_length=60)
    office = models.CharField(_("office"), max_length=30)

    class Meta:
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        ordering = ["division", "organ", "office"]
        constraints = [
            models.UniqueConstraint(
                fields=["division", "organ", "office"],
                condition=models.Q(division__isnull=False),
                name="unique_post_in_division",
            ),
            models.UniqueConstraint(
                fields=["organ", "office"], condition=models.Q(division__isnull=True), name="unique_post_no_division"
            ),
        ]

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        """As people write the post: 区政府 副区长 → 副区长 (the office names its government);
        区委 副书记 → 区委副书记; 区政府 党组书记 → 区政府党组书记."""
        level = self.organ[:-2] if self.organ.endswith("政府") else ""
        if level and level[-1] in self.office:
            return self.office
        return f"{self.organ}{self.office}"


class Tenure(models.Model):
    """One official in one post: first and last date seen, the meetings that show it, and the
    appointments that started or ended it. Kept by archive.careers.tenures (the writing home
    updates it as meetings load; a re-parse, merge or split recomputes the officials concerned).
    A curator's correction (``curated``) is kept as it is by every refresh."""

    official = models.ForeignKey(Official, on_delete=models.CASCADE, related_name="tenures", verbose_name=_("official"))
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="tenures", verbose_name=_("post"))
    written = models.CharField(_("title as written"), max_length=100, blank=True)
    first_date = models.DateField(_("first seen"), null=True, blank=True)
    last_date = models.DateField(_("last seen"), null=True, blank=True)
    meeting_count = models.PositiveIntegerField(_("meetings"), default=0)
    first_meeting = models.ForeignKey(
        Meeting, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("first meeting")
    )
    last_meeting = models.ForeignKey(
        Meeting, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("last meeting")
    )
    started_by = models.ForeignKey(
        Appointment, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("started by")
    )
    ended_by = models.ForeignKey(
        Appointment, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("ended by")
    )
    curated = models.BooleanField(
        _("curated"), default=False, help_text=_("Corrected by a curator; refreshes keep it.")
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("tenure")
        verbose_name_plural = _("careers (tenures)")
        ordering = ["official", "first_date"]
        constraints = [models.UniqueConstraint(fields=["official", "post"], name="unique_tenure")]
        indexes = [models.Index(fields=["post", "first_date"], name="tenure_post_idx")]

    def __str__(self):
        return f"{self.official.name} · {self.post}"


class CrossPlaceCandidate(models.Model):
    """Two officials of one name in two divisions who may be one person moving between places
    (a 副县长 of one county who becomes 县长 of the next): proposed by
    ``archive.careers.candidates``, never joined until a curator accepts. A rejected pair is
    never proposed again; an accepted one was merged (the earlier record into the later)."""

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        ACCEPTED = "accepted", _("accepted")
        REJECTED = "rejected", _("rejected")

    earlier = models.ForeignKey(
        Official, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("earlier record")
    )
    later = models.ForeignKey(
        Official, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("later record")
    )
    # Kept as text: an accepted pair's earlier record is merged away.
    name = models.CharField(_("name"), max_length=50)
    places = models.CharField(_("places"), max_length=200, help_text=_("The earlier and the later division."))
    evidence = models.JSONField(_("evidence"), default=list)
    score = models.PositiveSmallIntegerField(_("score"), default=0)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    proposed_at = models.DateTimeField(_("proposed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("cross-place candidate")
        verbose_name_plural = _("cross-place candidates")
        ordering = ["status", "-score", "name"]
        constraints = [models.UniqueConstraint(fields=["earlier", "later"], name="unique_cross_place_pair")]

    def __str__(self):
        return f"{self.name} · {self.places}"
