"""What evaluate_parser prints: the figures as text lines or as one JSON-ready dict. No Django."""

from __future__ import annotations

from .records import Record
from .scoring import (
    MAX_FLAGGED_SHARE,
    TARGETS,
    UNFLAGGED_TARGETS,
    DocResult,
    Evaluation,
    Figures,
    all_right_share,
    worst,
)

LABELS = {
    "date": "date (y/m/d)",
    "date_month_day": "  month/day only",
    "body": "body",
    "session_number": "session number",
    "chair": "chair",
    "agenda_count": "agenda count",
    "names": "participant names",
    "name_role": "(name, role)",
    "documents": "documents",
    "appointments": "appointments (name, action, post)",
    "appointments_name_action": "appointments (name, action)",
}
_WIDTH = max(map(len, LABELS.values())) + 2


def _num(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def _target(figures: Figures, name: str) -> str:
    if name not in TARGETS:
        return ""
    value = figures.value(name)
    verdict = "n/a" if value is None else ("met" if value >= TARGETS[name] else "BELOW")
    return f"target ≥ {TARGETS[name]:.2f} {verdict}"


def figure_lines(figures: Figures) -> list[str]:
    lines = [f"{figures.count} documents, {len(figures.errors)} failed to parse", ""]
    for name, acc in figures.accuracy.items():
        figure = f"{_num(acc.value)} ({acc.right}/{acc.total})"
        lines.append(f"{LABELS[name]:<{_WIDTH}}{figure:<34}{_target(figures, name)}".rstrip())
    for name, prf in figures.sets.items():
        figure = f"P {_num(prf.precision)}  R {_num(prf.recall)}  F1 {_num(prf.f1)}"
        lines.append(f"{LABELS[name]:<{_WIDTH}}{figure:<34}{_target(figures, name)}".rstrip())
    lines.append(f"(appointments scored on {figures.appointment_documents} documents)")
    for key, error in figures.errors:
        lines.append(f"failed: {key}: {error}")
    return lines


def _date(year, month, day) -> str:
    return "-".join("?" if v is None else str(v) for v in (year, month, day))


def field_diffs(result: DocResult) -> dict[str, dict]:
    """Each wrong field of a document: {gold, parsed} written for a person, or for documents and
    appointments {missing, extra} (only the entries that differ)."""
    gold, parsed = result.gold, result.parsed or Record(result.key, appointments=())
    diffs = {}
    for name in result.wrong_fields:
        if name == "documents":
            diffs[name] = _set_diff(gold.documents, parsed.documents)
        elif name == "appointments":
            diffs[name] = _set_diff(gold.appointments or (), parsed.appointments or ())
        elif name == "date":
            diffs[name] = {"gold": _date(*gold.date), "parsed": _date(*parsed.date) if result.parsed else "-"}
        elif name == "agenda_count":
            counts = " or ".join(map(str, gold.agenda_counts))
            diffs[name] = {"gold": counts, "parsed": _show(next(iter(parsed.agenda_counts), None))}
        else:
            diffs[name] = {"gold": _show(getattr(gold, name)), "parsed": _show(getattr(parsed, name))}
    return diffs


def _show(value) -> str:
    return "-" if value is None else str(value)


def _set_diff(gold, parsed) -> dict[str, list[str]]:
    parsed_set, gold_set = set(parsed), set(gold)
    return {
        "missing": [_entry(x) for x in gold if x not in parsed_set],
        "extra": [_entry(x) for x in parsed if x not in gold_set],
    }


def _entry(x) -> str:
    return x if isinstance(x, str) else " ".join(v for v in x if v)


def _pairs(pairs) -> str:
    return ", ".join(f"{name} ({role})" for name, role in pairs)


def worst_lines(evaluation: Evaluation, n: int) -> list[str]:
    chosen = worst(evaluation.results, n)
    lines = [f"worst {len(chosen)} documents (score = wrong fields + missing + extra people):"]
    for result in chosen:
        lines.append(f"{result.key}  score {result.score}")
        if result.error:
            lines.append(f"  {result.error}")
        for name, diff in field_diffs(result).items():
            if "gold" in diff:
                lines.append(f"  {LABELS[name]}: gold {diff['gold']} | parsed {diff['parsed']}")
            else:
                missing, extra = ("; ".join(diff[k]) or "none" for k in ("missing", "extra"))
                lines.append(f"  {LABELS[name]}: missing {missing} | extra {extra}")
        if result.missing:
            lines.append(f"  missing: {_pairs(result.missing)}")
        if result.extra:
            lines.append(f"  extra: {_pairs(result.extra)}")
    return lines


def disagreement_lines(evaluation: Evaluation) -> list[str]:
    lines = [f"meetings where the current parser disagrees with curated data: {len(evaluation.disagreements)}"]
    for key, items in evaluation.disagreements:
        lines.append(key)
        lines.extend(f"  {item}" for item in items)
    return lines


_SPLIT_FIGURES = ("date", "body", "chair", "agenda_count", "names", "name_role")


def split_lines(evaluation: Evaluation) -> list[str]:
    """Flagged and unflagged meetings side by side, with the share flagged and the targets."""
    results = evaluation.results
    flagged = [r for r in results if r.flagged]
    share = len(flagged) / len(results) if results else 0.0
    verdict = "met" if share <= MAX_FLAGGED_SHARE else "BELOW"
    lines = [
        f"review flags: {len(flagged)} of {len(results)} meetings flagged ({share:.0%}; target ≤ 33% {verdict})",
        f"{'':<{_WIDTH}}{'flagged':<12}{'unflagged':<12}target (unflagged)",
    ]
    groups = evaluation.split()
    for name in _SPLIT_FIGURES:
        values = [_num(groups[g].value(name)) for g in ("flagged", "unflagged")]
        target = ""
        if name in UNFLAGGED_TARGETS:
            value = groups["unflagged"].value(name)
            met = "n/a" if value is None else ("met" if value >= UNFLAGGED_TARGETS[name] else "BELOW")
            target = f"≥ {UNFLAGGED_TARGETS[name]:.2f} {met}"
        lines.append(f"{LABELS[name]:<{_WIDTH}}{values[0]:<12}{values[1]:<12}{target}".rstrip())
    unflagged = [r for r in results if not r.flagged]
    every = [_num(all_right_share(flagged)), _num(all_right_share(unflagged))]
    lines.append(f"{'every field right':<{_WIDTH}}{every[0]:<12}{every[1]:<12}")
    return lines


def text_lines(evaluation: Evaluation, show: int = 0, against_archive: bool = False) -> list[str]:
    lines = figure_lines(evaluation.figures) + ["", *split_lines(evaluation)]
    if show:
        lines += ["", *worst_lines(evaluation, show)]
    if against_archive:
        lines += ["", *disagreement_lines(evaluation)]
    return lines


def as_json(evaluation: Evaluation, show: int = 0, against_archive: bool = False) -> dict:
    """The figures for scripts. Keys: ``count``, ``failed`` ([{key, error}]), ``figures``
    (per figure: ``value`` [the figure a target applies to], ``target`` [or null], and
    ``right``/``total`` for accuracies, ``precision``/``recall``/``f1``/``tp``/``fp``/``fn`` for set
    figures), ``appointment_documents``; with --show, ``worst`` ([{key, score, error,
    fields: {field: {gold, parsed} or {missing, extra}}, missing, extra}]); with
    --against-archive, ``disagreements`` ([{meeting, items}])."""
    figures = evaluation.figures
    out = {"count": figures.count, "failed": [{"key": k, "error": e} for k, e in figures.errors], "figures": {}}
    for name, acc in figures.accuracy.items():
        out["figures"][name] = {"value": acc.value, "right": acc.right, "total": acc.total, "target": TARGETS.get(name)}
    for name, prf in figures.sets.items():
        out["figures"][name] = {
            "value": prf.f1,
            "precision": prf.precision,
            "recall": prf.recall,
            "f1": prf.f1,
            "tp": prf.tp,
            "fp": prf.fp,
            "fn": prf.fn,
            "target": TARGETS.get(name),
        }
    out["appointment_documents"] = figures.appointment_documents
    flagged = [r for r in evaluation.results if r.flagged]
    groups = evaluation.split()
    out["review"] = {
        "flagged": len(flagged),
        "share_flagged": len(flagged) / len(evaluation.results) if evaluation.results else None,
        **{
            group: {
                "count": groups[group].count,
                "every_field_right": all_right_share(
                    [r for r in evaluation.results if r.flagged == (group == "flagged")]
                ),
                "figures": {name: groups[group].value(name) for name in _SPLIT_FIGURES},
            }
            for group in ("flagged", "unflagged")
        },
    }
    if show:
        out["worst"] = [
            {
                "key": r.key,
                "score": r.score,
                "error": r.error,
                "fields": field_diffs(r),
                "missing": [list(x) for x in r.missing],
                "extra": [list(x) for x in r.extra],
                "review": list(r.parsed.review) if r.parsed else [],
            }
            for r in worst(evaluation.results, show)
        ]
    if against_archive:
        out["disagreements"] = [{"meeting": key, "items": items} for key, items in evaluation.disagreements]
    return out
