"""django-import-export resources with natural keys, so an export of one archive imports into
another (an empty one included) as the same records, and importing a file twice changes nothing.

Keys: a source by its sha256; a meeting by its source's sha256; an official by name, locality
and disambiguation; a participation by meeting, name and role; an agenda item by meeting and
order. Lookups are cached per import: one query per table, not one per row.

Exported columns: a resource with a ``table`` exports that model's columns from archive.columns,
the definition the public downloads use too, so a column added there shows here. What import
needs (keys, widgets that read a column back) stays here: a column the resource also imports is
exported with the definition's value, written by the widget that reads it back; a column it
does not import is exported only (ignored by an import). The import keys come first, then the
table's columns, then the resource's own (what only curators see). Formula escaping is the
formats' (formats.py, by archive.spreadsheets); import-export's own is off (settings).
"""

from __future__ import annotations

import datetime
import json
from collections import OrderedDict
from copy import copy

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models.base import ModelState
from django.utils import translation
from django.utils.text import capfirst
from import_export import fields, resources, widgets
from import_export.resources import Diff
from import_export.results import RowResult
from simple_history.utils import bulk_update_with_history

from .. import columns, curation, display, search
from ..bulk import insert_rows
from ..history import ensure_baseline
from ..models import (
    AgendaItem,
    Appointment,
    Division,
    Document,
    Meeting,
    Official,
    OfficialAlias,
    Participation,
    SourceDocument,
)
from ..parsing.result import ParseWarning, stored_warnings, warnings_from_stored
from ..records.rows import fit
from ..records.storable import field_problems
from .places import place_of
from .review_widget import ReviewReasonsWidget
from .source_import import load_imported

ROLES = [role for role, _ in Participation._meta.get_field("role").choices]


class JSONListWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        if value in (None, ""):
            return []
        if isinstance(value, list):
            return value
        try:
            parsed = json.loads(value)
        except (TypeError, ValueError):
            raise ValueError(f"not a JSON list: {value!r}") from None
        if not isinstance(parsed, list):
            raise ValueError(f"not a JSON list: {value!r}")
        return parsed

    def render(self, value, obj=None, **kwargs):
        return json.dumps(value or [], ensure_ascii=False)


class TextListWidget(JSONListWidget):
    """A list of strings (a participation's titles): ``[1, {…}, null]`` is refused at the preview
    (it used to pass, and fail the search index at the confirmation)."""

    def clean(self, value, row=None, **kwargs):
        items = super().clean(value, row, **kwargs)
        if not all(isinstance(item, str) for item in items):
            raise ValueError(f"not a list of text: {value!r}")
        return items


class WarningsWidget(JSONListWidget):
    """A source's warnings (stored as values) in a cell as a JSON list of 'kind: message' strings:
    readable in a spreadsheet, and the cell exports wrote before warnings were values, so those
    files import still. A list of {"kind", "message"} objects reads too."""

    def clean(self, value, row=None, **kwargs):
        items = super().clean(value, row, **kwargs)
        try:
            return stored_warnings(_warning(item) for item in items)
        except (KeyError, TypeError, ValueError):
            raise ValueError(f"not a list of warnings ('kind: message'): {value!r}") from None

    def render(self, value, obj=None, **kwargs):
        return super().render([w.as_contract() for w in warnings_from_stored(value)])


def _warning(item) -> ParseWarning:
    if isinstance(item, dict):
        return ParseWarning.from_stored(item)
    if isinstance(item, str):
        return ParseWarning.from_contract(item)
    raise TypeError(item)


class LinesWidget(widgets.Widget):
    """A list as one item a line (titles may contain 、)."""

    def clean(self, value, row=None, **kwargs):
        return [line.strip() for line in str(value or "").split("\n") if line.strip()]

    def render(self, value, obj=None, **kwargs):
        return "\n".join(value or [])


class DayWidget(widgets.DateWidget):
    """A date; a spreadsheet's date cell reads back as a datetime, taken as its day."""

    def clean(self, value, row=None, **kwargs):
        value = super().clean(value, row, **kwargs)
        return value.date() if isinstance(value, datetime.datetime) else value


class CellWidget(widgets.Widget):
    """A column the admin only exports, as the public CSV writes it (archive.columns.text), numbers
    left as numbers."""

    def render(self, value, obj=None, **kwargs):
        return value if isinstance(value, int | float) and not isinstance(value, bool) else columns.text(value)


class CachedKeyWidget(widgets.Widget):
    """A foreign key given by a natural key, resolved from a dict filled once per import."""

    def __init__(self, lookup: dict, label: str, render_key):
        super().__init__()
        self.lookup, self.label, self.render_key = lookup, label, render_key

    def clean(self, value, row=None, **kwargs):
        if value in (None, ""):
            return None
        try:
            return self.lookup[value]
        except KeyError:
            raise ValueError(
                f"no {self.label} with key {value!r} in the archive; import the {self.label}s first"
            ) from None

    def render(self, value, obj=None, **kwargs):
        return self.render_key(value) if value is not None else ""


class ColumnField(fields.Field):
    """A column of the model's table (archive.columns) that the resource exports only."""

    def __init__(self, column: columns.Column):
        super().__init__(column_name=column.header, widget=CellWidget(), readonly=True)
        self.column = column


def _share(cls) -> None:
    """Give a resource its table's columns: a field of the resource with a column's header keeps
    its import side and exports the column's value; every other column becomes a ColumnField.
    Export order: the import keys, the table's columns, then the resource's other fields in the
    order its Meta lists them."""
    listed = [*(cls._meta.export_order or ()), *(cls._meta.fields or ())]
    ranked = sorted(cls.fields, key=lambda name: listed.index(name) if name in listed else len(listed))
    own = OrderedDict((name, cls.fields[name]) for name in ranked)
    by_header = {field.column_name: name for name, field in own.items()}
    shared = OrderedDict()
    for column in cls.table.columns:
        name = by_header.get(column.header)
        if name is None:
            shared[column.header] = ColumnField(column)
        else:
            field = copy(own.pop(name))
            field.column = column
            shared[name] = field
    every = OrderedDict([*shared.items(), *own.items()])
    keys = [name for name in cls._meta.import_id_fields if name in every]
    order = [*keys, *(name for name in every if name not in keys)]
    cls.fields = OrderedDict((name, every[name]) for name in order)
    cls._meta.export_order = tuple(order)


class _SharedColumns(type(resources.ModelResource)):
    def __new__(mcs, name, bases, attrs):
        cls = super().__new__(mcs, name, bases, attrs)
        if getattr(cls, "table", None) is not None:
            _share(cls)
        return cls


class ArchiveResource(resources.ModelResource, metaclass=_SharedColumns):
    """Shared settings: skip unchanged rows, so importing a file twice changes nothing.

    ``table``: the model's exported columns (archive.columns), fetched as the public downloads
    fetch them (no query per row); ``for_export`` adds what the resource's own columns read.
    ``site``: the site's address, for the url columns (relative links without it)."""

    table: columns.Table | None = None

    class Meta:
        skip_unchanged = True
        report_skipped = False
        skip_diff = False
        clean_model_instances = True

    def __init__(self, site: str = "", labelled: bool = False, **kwargs):
        super().__init__(**kwargs)
        self.site = site
        self.labelled = labelled  # the admin's: headers by their labels, the preview's values too

    # Labels: what a curator reads for a header (archive.columns.LABELS, or the model field's
    # verbose name). Files the admin writes have labels for headers; an import reads a header,
    # or its label in any of the site's languages, so an exported file imports again.

    def label(self, header: str) -> str:
        field = display.model_field(self._meta.model, self._attribute_of(header))
        if header in columns.KEYS or field is None:
            return capfirst(str(columns.LABELS.get(header, header)))
        return capfirst(str(field.verbose_name))

    def _attribute_of(self, header: str) -> str:
        for field in self.fields.values():
            if field.column_name == header and field.attribute:
                return field.attribute
        return header

    def headers_by_label(self) -> dict[str, str]:
        headers = [field.column_name for field in self.fields.values()]
        by_label = {}
        for language, _name in settings.LANGUAGES:
            with translation.override(language):
                by_label.update((self.label(header), header) for header in headers)
        return {**by_label, **{header: header for header in headers}}

    def get_export_headers(self, selected_fields=None):
        headers = super().get_export_headers(selected_fields)
        return [self.label(header) for header in headers] if self.labelled else headers

    def get_diff_headers(self):
        headers = super().get_diff_headers()
        return [self.label(header) for header in headers] if self.labelled else headers

    def get_diff_class(self):
        return LabelledDiff if self.labelled else super().get_diff_class()

    def import_data(self, dataset, *args, **kwargs):
        if dataset.headers:
            by_label = self.headers_by_label()
            dataset.headers = [by_label.get(str(h).strip(), h) if h is not None else h for h in dataset.headers]
        result = super().import_data(dataset, *args, **kwargs)
        if self.labelled:  # the preview names a bad row's fields as its headers do
            for row in result.invalid_rows:
                row.error_dict = {self._error_label(key): errors for key, errors in row.error_dict.items()}
        return result

    def _error_label(self, key: str) -> str:
        for field in self.fields.values():
            if key in (field.attribute, field.column_name):
                return self.label(field.column_name)
        return key

    def for_export(self, queryset):
        return queryset

    def export(self, queryset=None, **kwargs):
        with columns.SITE.using(self.site):
            return super().export(queryset, **kwargs)

    def iter_queryset(self, queryset):
        if self.table is None:
            return super().iter_queryset(queryset)
        return self.table.rows(self.for_export(queryset))

    def export_field(self, field, instance, **kwargs):
        column = getattr(field, "column", None)
        if column is None:
            return super().export_field(field, instance, **kwargs)
        return field.widget.render(column.get(instance), **kwargs)

    def get_import_fields(self):
        return [field for field in super().get_import_fields() if not isinstance(field, ColumnField)]

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        """What the database would refuse, or store on one database only (over-long, NUL, a name
        with characters that show nothing), is the row's error before any database sees it: the
        loader's check (archive.records.storable), the same on SQLite and PostgreSQL."""
        errors = dict(import_validation_errors or {})
        for name, reason in field_problems(instance).items():
            errors.setdefault(name, []).append(ValidationError(reason))
        super().validate_instance(instance, errors, validate_unique)


class LabelledDiff(Diff):
    """The preview's values as a curator reads them (archive.display): a role by its label (列席),
    a flag as 是/否, a list joined with 、; keys and other columns as the file writes them."""

    def __init__(self, resource, instance, new):
        self.left = self.values(resource, instance)
        self.right = []
        self.new = new

    def compare_with(self, resource, instance):
        self.right = self.values(resource, instance)

    @staticmethod
    def values(resource, instance, row=None) -> list[str]:
        """The row's import columns as the preview shows them; keys (a relation) as the file gives
        them when it is given (``row``), not looked up again."""
        model = resource._meta.model
        values = []
        for field in resource.get_import_fields():
            model_field = display.model_field(model, field.attribute or "")
            plain = model_field is not None and not model_field.is_relation and model_field.name != "warnings"
            if instance is None or not plain:
                if row is not None:
                    values.append(str(row.get(field.column_name) or ""))
                else:
                    values.append(field.export(instance) if instance is not None else "")
                continue
            value = display.shown(model, model_field.name, getattr(instance, model_field.attname))
            values.append("" if value == display.NOTHING else value)
        return values


class SourceDocumentResource(ArchiveResource):
    """Sources are evidence: a row the archive lacks is loaded as load_minutes would load that file
    (source_import.py), a row that would change a stored source is refused, naming the columns.

    Provenance (archive.intake). Where the document was published and what it said about itself
    (``PROVENANCE``: URL, title, site, publication date, column, content source) comes with a new
    source: the load reads the text alone, so the row fills what the load left empty (where the
    load found a value of its own, a different one in the row is refused). What this archive's
    load read and decided (the format, the locality the metadata names, --locality-map's answer,
    the rule that decided the locality) is exported only: an import loads the text itself and
    records its own."""

    table = columns.SOURCES  # format, url, title, site, published: as meetings export them
    warnings = fields.Field(attribute="warnings", column_name="warnings", widget=WarningsWidget())
    published = fields.Field(attribute="published", column_name="published", widget=DayWidget())
    site_locality = fields.Field(attribute="site_locality", column_name="site_locality", readonly=True)
    locality_map_option = fields.Field(
        attribute="locality_map_option", column_name="locality_map_option", readonly=True
    )
    locality_rule = fields.Field(attribute="locality_rule", column_name="locality_rule", readonly=True)

    PROVENANCE = ("url", "title", "site", "published", "column", "content_source")

    class Meta(ArchiveResource.Meta):
        model = SourceDocument
        import_id_fields = ["sha256"]
        fields = [
            "sha256",
            "text_sha256",
            "path",
            "encoding",
            "script",
            "raw_text",
            "text",
            "parser_version",
            "warnings",
            "locality_option",
            "year_option",
            "url",
            "title",
            "site",
            "published",
            "column",
            "content_source",
            "site_locality",
            "locality_map_option",
            "locality_rule",
        ]

    def import_instance(self, instance, row, **kwargs):
        stored = None if instance.pk is None else self._values(instance)
        super().import_instance(instance, row, **kwargs)
        if stored is not None and stored != self._values(instance):
            current = self._values(instance)
            raise ValidationError(
                {
                    name: "a stored source is evidence: an import cannot change it"
                    for name in self._meta.fields
                    if stored[name] != current[name]
                }
            )

    def do_instance_save(self, instance, is_create):
        if not is_create:  # import_instance refused every change already
            raise ValidationError("a stored source is evidence: an import cannot change it")
        given = {name: getattr(instance, name) for name in self.PROVENANCE}
        loaded = load_imported(instance)
        self._add_provenance(loaded, given)
        instance.__dict__.update({f.attname: getattr(loaded, f.attname) for f in SourceDocument._meta.concrete_fields})
        instance._state.adding = False

    def _values(self, instance) -> dict:
        return {name: getattr(instance, name) for name in self._meta.fields}

    @staticmethod
    def _add_provenance(loaded: SourceDocument, given: dict) -> None:
        """What the row says of where the source came from, where the load found nothing."""
        empty = (None, "")
        differing = {
            name: f"the file itself gives {getattr(loaded, name)!r}"
            for name, value in given.items()
            if value not in empty and getattr(loaded, name) not in empty and getattr(loaded, name) != value
        }
        if differing:
            raise ValidationError(differing)
        filled = {name: value for name, value in given.items() if value not in empty and getattr(loaded, name) in empty}
        if filled:
            SourceDocument.objects.filter(pk=loaded.pk).update(**filled)
            for name, value in filled.items():
                setattr(loaded, name, value)


class MeetingResource(ArchiveResource):
    table = columns.MEETINGS
    source = fields.Field(
        attribute="source", column_name="source_sha256", widget=widgets.ForeignKeyWidget(SourceDocument, "sha256")
    )
    review_reasons = fields.Field(
        attribute="review_reasons", column_name="review_reasons", widget=ReviewReasonsWidget()
    )
    locked_fields = fields.Field(attribute="locked_fields", column_name="locked_fields", widget=JSONListWidget())
    # Imported by save_m2m, one title a line (the public CSV joins them with 、, which titles contain).
    documents = fields.Field(column_name="documents", widget=LinesWidget())

    class Meta(ArchiveResource.Meta):
        model = Meeting
        import_id_fields = ["source"]
        fields = [
            "source",
            "year",
            "month",
            "day",
            "part_of_day",
            "body",
            "session_number",
            "locality",
            "needs_review",
            "review_reasons",
            "locked_fields",
            "documents",
        ]

    def get_queryset(self):
        return Meeting.objects.select_related("source").prefetch_related("documents")

    def import_instance(self, instance, row, **kwargs):
        """An import is a curator's decision like a form edit: the parsed fields it changes are
        locked, a locality it sets resolves its division (or the row is refused, saying why), and
        documents it links lock the meeting's documents (archive.curation)."""
        stored = {name: getattr(instance, _attname(name)) for name in Meeting.PARSED_FIELDS} if instance.pk else None
        super().import_instance(instance, row, **kwargs)
        error = Meeting.locked_fields_error(instance.locked_fields)
        if error:
            raise ValidationError({"locked_fields": error})
        if stored is None:
            return
        changed = [name for name in Meeting.PARSED_FIELDS if getattr(instance, _attname(name)) != stored[name]]
        if "locality" in changed:
            instance.division_id = _division_of(instance.locality)
            if instance.division_id != stored["division"]:
                changed.append("division")
        curation.lock_edited_fields(instance, changed)
        titles = {t[:500] for t in self.fields["documents"].widget.clean(row.get("documents"))}
        if titles - {d.title for d in instance.documents.all()}:
            curation.lock_documents(instance)

    def before_save_instance(self, instance, row, **kwargs):
        super().before_save_instance(instance, row, **kwargs)
        if instance.pk:  # the state before the import, so the history shows what it changed
            ensure_baseline(Meeting, [instance.pk])

    def save_m2m(self, instance, row, **kwargs):
        super().save_m2m(instance, row, **kwargs)
        titles = self.fields["documents"].widget.clean(row.get("documents"))
        if titles and not kwargs.get("dry_run"):
            for title in titles:
                document, _ = Document.objects.get_or_create(title=fit(Document, "title", title))
                document.meetings.add(instance)


def _attname(name: str) -> str:
    return Meeting._meta.get_field(name).attname


def _division_of(locality: str) -> int | None:
    """The division a locality an import sets names; the row is refused, saying why, if none."""
    try:
        division = place_of(locality)
    except ValidationError as error:
        raise ValidationError({"locality": error.messages}) from None
    return division.pk if division else None


def official_key(official_id_or_obj) -> str:
    official = official_id_or_obj
    return "|".join([official.name, official.locality, official.disambiguation])


def officials_by_key(names: set[str], wanted: set[str]) -> dict[str, Official]:
    """Officials of these names by their key (name|locality|disambiguation). A wanted key two
    officials of different divisions share (王建国 of 朝阳区 in Beijing and in Changchun) is
    refused: linking by it would join two divisions' people (README, "Officials over time")."""
    found: dict[str, list[Official]] = {}
    for official in Official.objects.filter(name__in=names).select_related("division"):
        found.setdefault(official_key(official), []).append(official)
    shared = sorted(k for k in wanted if len(found.get(k, ())) > 1)
    if shared:
        places = "、".join(o.division.full_name if o.division else "-" for o in found[shared[0]])
        raise ValidationError(
            f"{len(shared)} official key(s) fit officials of several divisions, e.g. {shared[0]!r} ({places}): "
            "give the participation's official by id in the admin instead"
        )
    return {key: officials[0] for key, officials in found.items()}


class OfficialResource(ArchiveResource):
    table = columns.OFFICIALS
    aliases = fields.Field(column_name="aliases")
    # The GB/T 2260 code of the official's division (archive.divisions), empty when unknown.
    division = fields.Field(
        attribute="division", column_name="division", widget=widgets.ForeignKeyWidget(Division, "code")
    )

    class Meta(ArchiveResource.Meta):
        model = Official
        # The division too: two 朝阳区 officials of one name are two people, never one row's target.
        import_id_fields = ["name", "locality", "disambiguation", "division"]
        # pinyin is exported (the table's romanised name) but not imported: saving fills it from the name.
        fields = ["name", "locality", "disambiguation", "division", "notes", "aliases"]

    def get_queryset(self):
        return Official.objects.select_related("division").prefetch_related("aliases")

    def for_export(self, queryset):
        return queryset.select_related("division").prefetch_related("aliases")

    def dehydrate_aliases(self, official):
        return "、".join(sorted(a.name for a in official.aliases.all()))

    def after_save_instance(self, instance, row, **kwargs):
        if kwargs.get("dry_run"):
            return
        names = [n for n in (row.get("aliases") or "").split("、") if n.strip()]
        OfficialAlias.objects.bulk_create(
            [OfficialAlias(official=instance, name=n.strip()) for n in names], ignore_conflicts=True
        )


class _CheapReprRowResult(RowResult):
    """import-export names every imported row by str(instance), which translates the role label
    per row; for 100,000 participations the name and role code say the same for less."""

    def add_instance_info(self, instance):
        if instance is not None:
            self.object_id = instance.pk
            self.object_repr = f"{instance.name} ({instance.role})"


class _MeetingKeyed(ArchiveResource):
    """Rows that belong to a meeting given by its source's sha256."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.meetings_by_sha: dict[str, Meeting] = {}
        self.touched: set[int] = set()

    def after_save_instance(self, instance, row, **kwargs):
        super().after_save_instance(instance, row, **kwargs)
        self.touched.add(instance.meeting_id)

    def skip_row(self, instance, original, row, import_validation_errors=None):
        """As ParticipationResource.skip_row: a row the import changes is curated, a row it adds
        too unless the file has a ``curated`` column, and a file's 0 never undoes the mark."""
        if not hasattr(instance, "curated"):
            return super().skip_row(instance, original, row, import_validation_errors)
        if instance.pk is not None and original is not None and original.curated:
            instance.curated = True
        skip = super().skip_row(instance, original, row, import_validation_errors)
        if not skip and (instance.pk is not None or "curated" not in row):
            instance.curated = True
        return skip

    def before_save_instance(self, instance, row, **kwargs):
        super().before_save_instance(instance, row, **kwargs)
        if instance.pk:  # the state before the import, so the history shows what it changed
            ensure_baseline(type(instance), [instance.pk])

    def after_import(self, dataset, result, **kwargs):
        """Bulk rows send no signals: bring the search entries of the meetings they changed up to date."""
        super().after_import(dataset, result, **kwargs)
        if not kwargs.get("dry_run") and not result.has_errors() and self.touched:
            search.reindex_meetings(self.touched)

    def before_import(self, dataset, **kwargs):
        shas = {v for v in dataset["source_sha256"] if v} if "source_sha256" in dataset.headers else set()
        meetings = Meeting.objects.filter(source__sha256__in=shas).select_related("source").only("id", "source__sha256")
        self.meetings_by_sha.update((m.source.sha256, m) for m in meetings)
        self.fields["meeting"].widget.lookup = self.meetings_by_sha
        super().before_import(dataset, **kwargs)


def _without_source_texts(queryset, path: str):
    """A source selected for its sha256 without its texts."""
    return queryset.defer(*(f"{path}__{name}" for name in columns.SOURCE_TEXTS))


def _meeting_field():
    return fields.Field(
        attribute="meeting",
        column_name="source_sha256",
        widget=CachedKeyWidget({}, "meeting", lambda meeting: meeting.source.sha256),
    )


class ParticipationResource(_MeetingKeyed):
    table = columns.PARTICIPATIONS
    meeting = _meeting_field()
    official = fields.Field(
        attribute="official", column_name="official", widget=CachedKeyWidget({}, "official", official_key)
    )
    titles = fields.Field(attribute="titles", column_name="titles", widget=TextListWidget())

    # Natural keys are checked against the cached lookups and the role against its choices, so the
    # per-row model validation (two foreign-key queries a row) and the row diff are left out;
    # skip_row compares each row with the stored values instead.
    class Meta(ArchiveResource.Meta):
        model = Participation
        clean_model_instances = False
        skip_diff = True
        import_id_fields = ["meeting", "name", "role"]
        fields = [
            "meeting",
            "name",
            "role",
            "official",
            "name_as_written",
            "titles",
            "order",
            "start",
            "end",
            "raw_start",
            "raw_end",
            "curated",
        ]
        use_bulk = True
        batch_size = 2000

    def get_queryset(self):
        return Participation.objects.select_related("meeting__source", "official")

    def for_export(self, queryset):
        return _without_source_texts(queryset.select_related("meeting__source", "official"), "meeting__source")

    def before_import(self, dataset, **kwargs):
        super().before_import(dataset, **kwargs)
        keys = {v for v in dataset["official"] if v} if "official" in dataset.headers else set()
        names = {k.split("|", 1)[0] for k in keys}
        lookup = self.fields["official"].widget.lookup
        lookup.update(officials_by_key(names, keys))
        missing = sorted(keys - lookup.keys())
        if missing:
            raise ValidationError(
                f"{len(missing)} official(s) are not in the archive, e.g. {missing[0]!r}: import the officials first"
            )
        self.existing = {
            (p.meeting_id, p.name, p.role): p
            for p in Participation.objects.filter(meeting__in=list(self.meetings_by_sha.values()))
        }
        self.stored = {}

    def get_instance(self, instance_loader, row):
        meeting = self.meetings_by_sha.get(row.get("source_sha256"))
        if meeting is None:
            return None
        instance = self.existing.get((meeting.id, row.get("name"), row.get("role")))
        if instance is not None:
            self.stored[instance.pk] = self._values(instance)
        return instance

    def before_import_row(self, row, **kwargs):
        if row.get("role") not in ROLES:
            raise ValueError(f"role {row.get('role')!r} is not one of {', '.join(ROLES)}")
        if not row.get("name"):
            raise ValueError("a participation needs the name as written")

    def skip_row(self, instance, original, row, import_validation_errors=None):
        """Unchanged rows are skipped; a row the import changes is the curator's (curated: a
        re-parse keeps it), and so is a row it adds unless the file has a ``curated`` column (an
        export imported elsewhere reproduces its rows as they were). A file's 0 never undoes a
        curator's mark: importing the same file twice changes nothing."""
        if import_validation_errors:
            return False
        if instance.pk is None:
            if "curated" not in row:
                instance.curated = True
            return False
        stored = self.stored.get(instance.pk)
        if stored is not None and stored[self.CURATED]:
            instance.curated = True
        if stored == self._values(instance):
            return True
        instance.curated = True
        return False

    def _values(self, instance):
        return tuple(getattr(instance, f.attname) for f in Participation._meta.concrete_fields)

    def after_import_row(self, row, row_result, **kwargs):
        """The admin's preview shows each new or changed row's values, by their labels (列席):
        without the diff (left out for speed) it showed the headers over empty rows."""
        super().after_import_row(row, row_result, **kwargs)
        shown = (RowResult.IMPORT_TYPE_NEW, RowResult.IMPORT_TYPE_UPDATE)
        if self.labelled and row_result.diff is None and row_result.import_type in shown:
            row_result.diff = LabelledDiff.values(self, self._row_instance, row)

    CURATED = [f.attname for f in Participation._meta.concrete_fields].index("curated")  # in _values

    def import_instance(self, instance, row, **kwargs):
        """The generic per-field path costs more than the rest of the import together; these
        columns are plain, so they are converted here, with the same errors per field."""
        self._row_instance = instance  # for the admin's preview (after_import_row)
        errors = {}
        for column, attribute, convert in self.CONVERTERS:
            if column not in row:
                continue
            try:
                setattr(instance, attribute, convert(self, row[column]))
            except ValueError as exc:
                errors[attribute] = ValidationError(str(exc), code="invalid")
        if errors:
            raise ValidationError(errors)

    def bulk_create(self, using_transactions, dry_run, raise_errors, batch_size=None, result=None):
        """New rows through the loader's lean insert (no ids are needed back)."""
        if self.create_instances and (using_transactions or not dry_run):
            try:
                fields = [f for f in Participation._meta.concrete_fields if not f.primary_key]
                insert_rows(
                    Participation, [{f.attname: getattr(i, f.attname) for f in fields} for i in self.create_instances]
                )
                self.touched.update(i.meeting_id for i in self.create_instances)
            except Exception as exc:  # reported per import, as import-export does
                self.handle_import_error(result, exc, raise_errors)
            finally:
                self.create_instances.clear()

    def bulk_update(self, using_transactions, dry_run, raise_errors, batch_size=None, result=None):
        """Corrected rows keep their history: the state before, then the change, as in the admin."""
        if self.update_instances and (using_transactions or not dry_run):
            try:
                ensure_baseline(Participation, [i.pk for i in self.update_instances])
                fields = [f.name for f in Participation._meta.concrete_fields if not f.primary_key]
                bulk_update_with_history(self.update_instances, Participation, fields, batch_size=batch_size)
                self.touched.update(i.meeting_id for i in self.update_instances)
            except Exception as exc:  # reported per import, as import-export does
                self.handle_import_error(result, exc, raise_errors)
            finally:
                self.update_instances.clear()

    def _meeting(self, value):
        return self.fields["meeting"].widget.clean(value).id

    def _official(self, value):
        official = self.fields["official"].widget.clean(value)
        return official.id if official else None

    def get_row_result_class(self):
        return _CheapReprRowResult

    def init_instance(self, row=None):
        """A new participation as a copy of a blank one: Model.__init__ per row is a sixth of an
        import of 100,000 rows. Every column is then set by import_instance."""
        if not hasattr(self, "_blank"):
            self._blank = Participation().__dict__
        instance = Participation.__new__(Participation)
        instance.__dict__.update(self._blank)
        instance._state = ModelState()
        return instance

    def _int(self, value):
        if value in (None, ""):
            return None
        try:
            return int(float(value))
        except (TypeError, ValueError):
            raise ValueError(f"not a whole number: {value!r}") from None

    def _text(self, value):
        return "" if value is None else str(value)

    def _titles(self, value):
        return TextListWidget().clean(value)

    def _bool(self, value):
        return str(value).strip().lower() in {"1", "true", "yes", "on"}

    CONVERTERS = [
        ("source_sha256", "meeting_id", _meeting),
        ("name", "name", _text),
        ("role", "role", _text),
        ("official", "official_id", _official),
        ("name_as_written", "name_as_written", _text),
        ("titles", "titles", _titles),
        ("order", "order", _int),
        ("start", "start", _int),
        ("end", "end", _int),
        ("raw_start", "raw_start", _int),
        ("raw_end", "raw_end", _int),
        ("curated", "curated", _bool),
    ]


class AgendaItemResource(_MeetingKeyed):
    table = columns.AGENDA_ITEMS
    meeting = _meeting_field()
    documents = fields.Field(column_name="documents")

    class Meta(ArchiveResource.Meta):
        model = AgendaItem
        import_id_fields = ["meeting", "order"]
        fields = ["meeting", "order", "title", "text", "kind", "curated", "documents"]

    def get_queryset(self):
        return AgendaItem.objects.select_related("meeting__source").prefetch_related("documents")

    def for_export(self, queryset):
        queryset = queryset.select_related("meeting__source").prefetch_related("documents")
        return _without_source_texts(queryset, "meeting__source")

    def dehydrate_documents(self, item):
        return "\n".join(sorted(d.title for d in item.documents.all()))

    def save_m2m(self, instance, row, **kwargs):
        super().save_m2m(instance, row, **kwargs)
        titles = [fit(Document, "title", t.strip()) for t in (row.get("documents") or "").split("\n") if t.strip()]
        if titles and not kwargs.get("dry_run"):
            instance.documents.add(*[Document.objects.get_or_create(title=t)[0] for t in titles])


class AppointmentResource(_MeetingKeyed):
    """Personnel decisions (任免), by meeting + name + action + post; the official by its natural
    key, the agenda item by its order in the meeting."""

    meeting = _meeting_field()
    official = fields.Field(
        attribute="official", column_name="official", widget=CachedKeyWidget({}, "official", official_key)
    )
    agenda_item = fields.Field(column_name="agenda_item_order")

    class Meta(ArchiveResource.Meta):
        model = Appointment
        import_id_fields = ["meeting", "name", "action", "post"]
        fields = ["meeting", "name", "action", "post", "official", "agenda_item", "order", "start", "end", "curated"]
        export_order = [
            "meeting",
            "name",
            "action",
            "post",
            "official",
            "agenda_item",
            "order",
            "start",
            "end",
            "curated",
        ]

    def get_queryset(self):
        return Appointment.objects.select_related("meeting__source", "official", "agenda_item")

    def dehydrate_agenda_item(self, appointment):
        return appointment.agenda_item.order if appointment.agenda_item else ""

    def before_import(self, dataset, **kwargs):
        super().before_import(dataset, **kwargs)
        keys = {v for v in dataset["official"] if v} if "official" in dataset.headers else set()
        lookup = self.fields["official"].widget.lookup
        lookup.update(officials_by_key({k.split("|", 1)[0] for k in keys}, keys))
        missing = sorted(keys - lookup.keys())
        if missing:
            raise ValidationError(
                f"{len(missing)} official(s) are not in the archive, e.g. {missing[0]!r}: import the officials first"
            )

    def before_import_row(self, row, **kwargs):
        if row.get("action") not in ("appoint", "remove"):
            raise ValueError(f"action {row.get('action')!r} is not appoint or remove")

    def import_instance(self, instance, row, **kwargs):
        super().import_instance(instance, row, **kwargs)
        order = row.get("agenda_item_order")
        instance.agenda_item = None
        if order not in (None, "") and instance.meeting_id:
            instance.agenda_item = AgendaItem.objects.filter(meeting_id=instance.meeting_id, order=int(order)).first()
