import os
import re
from functools import cache, lru_cache

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from archive.parsing.names import COMPOUND_SURNAMES
from archive.parsing.textsearch import normalise_query, pinyin_query

from .flags import flag_set
from .places import Division

# Surnames read differently from the character's usual reading.
SURNAME_READINGS = {
    "曾": "zeng",
    "单": "shan",
    "解": "xie",
    "仇": "qiu",
    "查": "zha",
    "朴": "piao",
    "区": "ou",
    "盖": "ge",
    "尉": "yu",
    "乐": "yue",
    "缪": "miao",
    "覃": "qin",
    "召": "shao",
}


@lru_cache(maxsize=20000)
def _char_pinyin(char: str) -> str:
    return "".join(_lazy_pinyin()(char, errors="ignore"))


@cache
def _lazy_pinyin():
    """pypinyin, imported when first needed and without its phrase dictionary: reading and
    indexing it took ~0.5 s of a load's first new official, and a single character's reading
    never comes from it (it has no one-character entry; tests/loading/test_pinyin.py)."""
    saved = os.environ.get("PYPINYIN_NO_PHRASES")
    os.environ["PYPINYIN_NO_PHRASES"] = "1"  # read by pypinyin.constants on import
    try:
        from pypinyin import lazy_pinyin
    finally:
        if saved is None:
            del os.environ["PYPINYIN_NO_PHRASES"]
        else:
            os.environ["PYPINYIN_NO_PHRASES"] = saved
    return lazy_pinyin


def pinyin_of(name: str) -> str:
    """'陈豪' -> 'chen hao' (toneless, space separated; what people type). Cached per character:
    names are short, and a load meets thousands of them. A run of Latin letters is a word of its
    own, in lower case ('王A' -> 'wang a', 'John Smith' -> 'john smith'): a search in letters
    finds such a name by its pinyin as it finds any other, without scanning every name."""
    syllables = []
    for position, token in enumerate(_LATIN_OR_CHARACTER.findall(name)):
        if token.isascii() and token.isalpha():
            syllables.append(token.lower())
        else:
            syllables.append((position == 0 and SURNAME_READINGS.get(token)) or _char_pinyin(token))
    return " ".join(s for s in syllables if s)


_LATIN_OR_CHARACTER = re.compile(r"[A-Za-z]+|.", re.DOTALL)


PINYIN_MAX = 80  # the pinyin columns' length: a 20-character name of six-letter syllables is 139


def pinyin_fields(name: str) -> dict[str, str | bool]:
    """The fields an official's name fills: pinyin, the key to search and sort by, initials, each
    cut to its column (PostgreSQL refuses a longer value; search reads prefixes); whether it is
    written with Latin letters."""
    pinyin = pinyin_of(name)
    return {
        "pinyin": pinyin[:PINYIN_MAX],
        "pinyin_key": pinyin.replace(" ", "")[:PINYIN_MAX],
        "initials": "".join(s[0] for s in pinyin.split())[:20],
        "latin_letters": bool(_LATIN.search(name)),
    }


_LATIN = re.compile(r"[A-Za-z]")


class OfficialQuerySet(models.QuerySet):
    def matching(self, query: str):
        """By name or alias in either script (substring); a query in letters by alias, by
        pinyin/initials as people type them, or anywhere in a name written with Latin letters."""
        text = normalise_query(query)
        if not text:
            return self
        # Each way of matching is a subquery of its own, answered by an index (pinyin and initials
        # by a prefix range) or a scan of one narrow column; one OR across a join to the aliases
        # made SQLite probe every official's aliases (70 ms at 60,000 officials, twice a page).
        officials, aliases = self.model.objects, OfficialAlias.objects
        if pinyin_query(query):  # only a spelling in Latin letters can hold letters
            aliases = aliases.filter(flag_set("latin_letters"))
        condition = models.Q(id__in=aliases.filter(name__icontains=text).values("official_id"))
        if pinyin_query(query):
            # Letters are looked up by pinyin, and in the few names that hold Latin letters, not
            # in every name (10 ms at 100,000 officials, twice a page).
            condition |= self._pinyin_condition(query) | self._latin_names_holding(text)
        else:
            condition |= models.Q(id__in=officials.filter(name__contains=text).values("id"))
        return self.filter(condition)

    def by_pinyin(self, query: str, aliases: bool = False):
        """By pinyin or initials (a prefix range of an index each), and with ``aliases`` by an
        alias holding the query: for the meetings search, whose own index already holds each
        participant's name as written."""
        if not pinyin_query(query):
            return self.none()
        condition = self._pinyin_condition(query)
        if aliases:
            # Read off the few aliases in Latin letters: every alias scanned was 2–4 ms a query at
            # 100,000 meetings (30,000 traditional spellings), twice a page.
            spelt = OfficialAlias.objects.filter(flag_set("latin_letters"))
            named = spelt.filter(name__icontains=normalise_query(query)).values("official_id")
            condition |= models.Q(id__in=named)
        return self.filter(condition)

    def _latin_names_holding(self, text: str) -> models.Q:
        """Officials whose names, written with Latin letters, hold ``text`` anywhere ('smith' in
        John Smith, 'a' in 王A): read from the partial index of those few names, not every name."""
        written = self.model.objects.filter(flag_set("latin_letters"), name__icontains=text)
        return models.Q(id__in=written.values("id"))

    def _pinyin_condition(self, query: str) -> models.Q:
        letters = pinyin_query(query)
        after = letters[:-1] + chr(ord(letters[-1]) + 1)  # the first key past every key starting with letters
        by_key, by_initials = (
            models.Q(id__in=self.model.objects.filter(**{f"{field}__gte": letters, f"{field}__lt": after}).values("id"))
            for field in ("pinyin_key", "initials")
        )
        return by_key | by_initials


class Official(models.Model):
    """A person. Several officials may share a name; curators split and merge them."""

    name = models.CharField(_("name"), max_length=20, db_index=True, help_text=_("In simplified characters."))
    pinyin = models.CharField(_("pinyin"), max_length=PINYIN_MAX, blank=True, help_text=_("Filled from the name."))
    pinyin_key = models.CharField(
        max_length=PINYIN_MAX,
        blank=True,
        db_index=True,
        editable=False,
        help_text=_("Pinyin without spaces, for search and sorting."),
        verbose_name=_("pinyin key"),
    )
    initials = models.CharField(
        _("initials"), max_length=20, blank=True, db_index=True, help_text=_("Filled from the name.")
    )
    latin_letters = models.BooleanField(
        _("written with Latin letters"), default=False, editable=False, help_text=_("Filled from the name.")
    )
    locality = models.CharField(
        _("locality"),
        max_length=50,
        blank=True,
        db_index=True,
        help_text=_("Where this person serves, e.g. 柯桥区, when known."),
    )
    division = models.ForeignKey(
        Division,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        db_index=False,  # official_division_pinyin_idx begins with it
        related_name="officials",
        verbose_name=_("division"),
        help_text=_(
            "The administrative division the locality resolves to; the same name in one division is one person."
        ),
    )
    disambiguation = models.CharField(
        _("disambiguation"),
        max_length=50,
        blank=True,
        help_text=_("Tells apart officials with the same name and locality, e.g. 财政局 or 1965年生."),
    )
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))
    history = HistoricalRecords()

    objects = OfficialQuerySet.as_manager()

    class Meta:
        verbose_name = _("official")
        verbose_name_plural = _("officials")
        # By syllables (spaced pinyin: Bi Ming before Bian A), along the index below.
        ordering = ["pinyin", "id"]
        indexes = [
            models.Index(fields=["pinyin", "id"], name="official_pinyin_idx"),
            # A place's officials by pinyin (its page), read off it in order; it also serves every
            # lookup by division, in place of the foreign key's own index.
            models.Index(fields=["division", "pinyin", "id"], name="official_division_pinyin_idx"),
            # The few names written with Latin letters, searched for letters anywhere in them.
            models.Index(fields=["id"], condition=flag_set("latin_letters"), name="official_latin_idx"),
        ]
        # A person is a name in a division; where the division is unknown, a name in a written locality.
        constraints = [
            models.UniqueConstraint(
                fields=["name", "locality", "disambiguation"],
                condition=models.Q(division__isnull=True),
                name="unique_official_natural_key",
            ),
            models.UniqueConstraint(
                fields=["name", "division", "disambiguation"],
                condition=models.Q(division__isnull=False),
                name="unique_official_in_division",
            ),
        ]

    def __str__(self):
        details = "，".join(x for x in (self.locality, self.disambiguation) if x)
        return f"{self.name}（{details}）" if details else self.name

    def save(self, *args, **kwargs):
        self.fill_pinyin()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("archive:official_detail", args=[self.id])

    @property
    def romanized(self) -> str:
        """As names are romanised in print: 'Li Zhilong', 'Ouyang Ming'."""
        syllables = self.pinyin.split()
        if not syllables or len(syllables) != len(self.name):
            return self.pinyin
        surname_length = 2 if len(self.name) >= 3 and self.name[:2] in COMPOUND_SURNAMES else 1
        surname, given = syllables[:surname_length], syllables[surname_length:]
        return " ".join(part.capitalize() for part in ("".join(surname), "".join(given)) if part)

    def fill_pinyin(self):
        for field, value in pinyin_fields(self.name).items():
            setattr(self, field, value)


class HoldsLatinLetter(models.Func):
    """Whether a text holds a letter A–Z (either case), as both databases compute it in a
    generated column (a literal pattern: a column's expression takes no parameters)."""

    arity = 1
    output_field = models.BooleanField()

    def as_sqlite(self, compiler, connection):
        sql, params = compiler.compile(self.source_expressions[0])
        return f"({sql} GLOB '*[A-Za-z]*')", params

    def as_postgresql(self, compiler, connection):
        sql, params = compiler.compile(self.source_expressions[0])
        return f"({sql} ~ '[A-Za-z]')", params


class OfficialAlias(models.Model):
    """Another spelling of an official's name: traditional forms seen, or names merged into them."""

    official = models.ForeignKey(Official, on_delete=models.CASCADE, related_name="aliases", verbose_name=_("official"))
    name = models.CharField(_("name"), max_length=20, db_index=True)
    # Computed by the database from the name, so that every writer (the loader's bulk inserts,
    # merges, imports, the admin) fills it; a search in letters reads these few, not every alias.
    latin_letters = models.GeneratedField(
        expression=HoldsLatinLetter("name"),
        output_field=models.BooleanField(),
        db_persist=True,
        verbose_name=_("written with Latin letters"),
    )

    class Meta:
        verbose_name = _("alias")
        verbose_name_plural = _("aliases")
        constraints = [models.UniqueConstraint(fields=["official", "name"], name="unique_alias_per_official")]
        indexes = [
            models.Index(fields=["name", "official"], condition=flag_set("latin_letters"), name="alias_latin_idx"),
        ]

    def __str__(self):
        return self.name


class OfficialRedirect(models.Model):
    """The id of an official merged into another, so saved links keep working."""

    old_id = models.PositiveBigIntegerField(primary_key=True)
    official = models.ForeignKey(
        Official, on_delete=models.CASCADE, related_name="redirects", verbose_name=_("official")
    )
    merged_at = models.DateTimeField(auto_now_add=True, verbose_name=_("merged at"))

    class Meta:
        verbose_name = _("merged official id")
        verbose_name_plural = _("merged official ids")

    def __str__(self):
        return f"{self.old_id} → {self.official_id}"
