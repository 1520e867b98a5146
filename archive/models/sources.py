from django.db import models
from django.utils.translation import gettext_lazy as _


class SourceDocument(models.Model):
    """One minutes file as it was read. Never edited: the evidence behind every record."""

    class Script(models.TextChoices):
        SIMPLIFIED = "simplified", _("simplified")
        TRADITIONAL = "traditional", _("traditional")

    path = models.CharField(_("path"), max_length=1024, help_text=_("The path the file was loaded from, as given."))
    sha256 = models.CharField(
        _("SHA-256"),
        max_length=64,
        unique=True,
        help_text=_("Digest of the file's raw bytes; the same file never loads twice."),
    )
    text_sha256 = models.CharField(
        _("text SHA-256"),
        max_length=64,
        unique=True,
        help_text=_(
            "Digest of the normalised text (line endings unified), so the same minutes in another encoding, "
            "with other line endings or in the other script are recognised."
        ),
    )
    encoding = models.CharField(_("encoding"), max_length=20, help_text=_("Encoding detected when reading the bytes."))
    script = models.CharField(_("script"), max_length=12, choices=Script.choices)
    raw_text = models.TextField(_("original text"), help_text=_("The decoded file, verbatim; never altered."))
    text = models.TextField(
        _("normalised text"),
        help_text=_("Simplified characters, pinyin annotations and web-page noise removed. Spans point into this."),
    )
    parser_version = models.CharField(_("parser version"), max_length=20)
    warnings = models.JSONField(_("warnings"), default=list, blank=True)
    loaded_at = models.DateTimeField(_("loaded at"), auto_now_add=True)
    # The options load_minutes was given: a re-parse reads the text as the load did.
    locality_option = models.CharField(
        _("--locality"), max_length=50, blank=True, help_text=_("The locality given when loading; a re-parse uses it.")
    )
    year_option = models.PositiveSmallIntegerField(
        _("--year"), null=True, blank=True, help_text=_("The year given when loading; a re-parse uses it.")
    )

    class Meta:
        verbose_name = _("source document")
        verbose_name_plural = _("source documents")
        ordering = ["-loaded_at"]

    def __str__(self):
        return self.path
