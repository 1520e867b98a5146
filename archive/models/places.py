"""China's administrative divisions (GB/T 2260): provinces, prefectures, county-level divisions.

The rows come from the data file ``archive/data/divisions_history.csv`` (GB/T 2260 codes since 1981
with the years each was in use and its successors; yescallop/areacodes, CC0) by
``archive.divisions.load_divisions`` (the migrations, and ``manage.py load_divisions``); nothing
here is typed by hand. A division no longer in use (绍兴县, 1983–2013) is a row too, with the
division that continues it (``successor``: 柯桥区) where one does.
"""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Division(models.Model):
    class Level(models.TextChoices):
        PROVINCE = "province", _("province")
        PREFECTURE = "prefecture", _("prefecture")
        COUNTY = "county", _("county")

    code = models.CharField(_("code"), max_length=6, unique=True, help_text=_("GB/T 2260, six digits."))
    name = models.CharField(_("name"), max_length=50, db_index=True)
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children", verbose_name=_("parent")
    )
    # The names above it, for display and for context matching: 浙江省绍兴市柯桥区.
    full_name = models.CharField(_("full name"), max_length=120)
    valid_from = models.PositiveSmallIntegerField(
        _("in use from"), null=True, blank=True, help_text=_("The year its current name came into use.")
    )
    valid_until = models.PositiveSmallIntegerField(
        _("in use until"), null=True, blank=True, help_text=_("The year it ceased; empty while in use.")
    )
    # The codes that took its area when it ceased, separated by spaces (330602 330603).
    successor_codes = models.CharField(_("successors"), max_length=200, blank=True)
    # The division that continues it under another code (a renaming: 绍兴县 → 柯桥区); none for a split or merge.
    successor = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="predecessors",
        verbose_name=_("continued by"),
    )
    # Earlier names under the same code, [[name, from, until], ...] (东郊区 1981–1992 of 东丽区).
    earlier_names = models.JSONField(_("earlier names"), default=list, blank=True)

    class Meta:
        verbose_name = _("division")
        verbose_name_plural = _("divisions")
        ordering = ["code"]

    def __str__(self):
        if self.valid_until is not None:  # a former division: 浙江省绍兴市绍兴县 (1983–2013)
            return f"{self.full_name} ({self.valid_from}–{self.valid_until})"
        return self.full_name

    def get_absolute_url(self):
        return reverse("archive:division_detail", args=[self.code])

    @property
    def in_use(self) -> bool:
        return self.valid_until is None

    @property
    def province_code(self) -> str:
        return self.code[:2] + "0000"

    @property
    def prefecture_code(self) -> str:
        return self.code[:4] + "00"
