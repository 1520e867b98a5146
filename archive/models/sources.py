from django.db import models
from django.utils.translation import gettext_lazy as _

from archive.intake.documents import Format as DocumentFormat
from archive.parsing.result import LocalityRule as Rule
from archive.parsing.result import Script as ParsedScript


def choices_of(name: str, enum, labels: dict) -> type[models.TextChoices]:
    """Choices built from a vocabulary's enumeration (those of its members given a label for
    people, in the labels' order), so the values are written once: beside Role, in
    archive.parsing.result and archive.intake.documents."""
    return models.TextChoices(name, [(enum(member).name, (member.value, label)) for member, label in labels.items()])


class SourceDocument(models.Model):
    """One minutes file as it was read. Never edited: the evidence behind every record."""

    Script = choices_of(
        "Script", ParsedScript, {ParsedScript.SIMPLIFIED: _("simplified"), ParsedScript.TRADITIONAL: _("traditional")}
    )

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

    # Where the document came from and what it said about itself (archive.intake).
    Format = choices_of(
        "Format",
        DocumentFormat,
        {
            DocumentFormat.TEXT: _("text"),
            DocumentFormat.HTML: _("web page"),
            DocumentFormat.DOCX: _("Word (.docx)"),
            DocumentFormat.PDF: _("PDF"),
            DocumentFormat.JSONL_RECORD: _("JSON Lines record"),
        },
    )
    # The rules that decide a locality ('' when none does: no choice).
    LocalityRule = choices_of(
        "LocalityRule",
        Rule,
        {
            Rule.TEXT: _("the text names it"),
            Rule.HEADLINE: _("the headline names it"),
            Rule.TITLE: _("the document's title names it"),
            Rule.CHAIR: _("the chair's title names it"),
            Rule.SITE: _("the page's metadata (site name, record)"),
            Rule.OPTION: _("--locality"),
            Rule.MAP: _("--locality-map"),
        },
    )

    format = models.CharField(_("format"), max_length=12, choices=Format.choices, default=Format.TEXT)
    url = models.CharField(_("URL"), max_length=2000, blank=True, help_text=_("Where the document was published."))
    title = models.CharField(_("title"), max_length=500, blank=True)
    site = models.CharField(_("site"), max_length=200, blank=True, help_text=_("The publishing site's name."))
    published = models.DateField(_("publication date"), null=True, blank=True)
    column = models.CharField(_("column"), max_length=200, blank=True, help_text=_("The site's column (栏目)."))
    content_source = models.CharField(_("content source"), max_length=200, blank=True, help_text=_("来源"))
    site_locality = models.CharField(
        _("locality in metadata"), max_length=50, blank=True, help_text=_("The locality the site name or record names.")
    )
    locality_map_option = models.CharField(
        _("--locality-map"), max_length=50, blank=True, help_text=_("The locality --locality-map gave this source.")
    )
    locality_rule = models.CharField(_("locality decided by"), max_length=10, choices=LocalityRule.choices, blank=True)

    class Meta:
        verbose_name = _("source document")
        verbose_name_plural = _("source documents")
        ordering = ["-loaded_at"]
        indexes = [
            # The admin's list order (loaded_at DESC, id DESC), read backwards: no sort of rows
            # that carry both texts.
            models.Index(fields=["loaded_at", "id"], name="source_loaded_idx"),
            # The admin's filters read their choices off these (archive.admin.filters.distinct_values).
            models.Index(fields=["encoding"], name="source_encoding_idx"),
            models.Index(fields=["parser_version"], name="source_parser_version_idx"),
        ]

    def __str__(self):
        return self.path


class OriginalFile(models.Model):
    """A source's exact bytes (the file; for a JSON Lines record, its line), keyed by their
    SHA-256 (``SourceDocument.sha256``): content-addressed, written once, never altered."""

    sha256 = models.CharField(_("SHA-256"), max_length=64, primary_key=True)
    data = models.BinaryField(_("bytes"))
    size = models.PositiveIntegerField(_("size"))

    class Meta:
        verbose_name = _("original file")
        verbose_name_plural = _("original files")
        default_permissions = ()

    def __str__(self):
        return self.sha256
