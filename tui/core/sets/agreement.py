"""Intercoder agreement on actor and stance tags.

Definitions (``newsdesk agree --help`` gives the short form):

* A *unit* is a span of an article.  Tags of different coders on one span are one unit; spans of different
  coders that differ are matched by overlap (:func:`match_units`): two spans belong to one unit when their
  Jaccard overlap (shared characters over the characters of either) is at least ``MATCH_JACCARD`` = 0.5,
  matched greedily from the largest overlap down, one span per coder in a unit, and every two spans of a unit
  overlapping that much.  So a sentence two coders cut a word apart is one unit, while a quote one coder tagged
  inside a sentence another tagged whole is a unit of its own (a different segmentation, not a disagreement
  on the actor); one coder's several spans are never merged.  A unit is named ``(article_id, start, end)`` by
  its representative span: the span most of its tags have (ties: the longest, then the first).
* The *coders* are the annotators, except ``adjudicated`` (the adjudicator's verdicts are not a coder; a verdict
  joins the unit its span matches best, by the same rule).
* A coder's *value* on a unit is the tag's actor (or stance).  A tag whose field is ``None`` leaves the unit
  *not coded* for that field.  Should a tag list hold two tags of one annotator on one unit, the newest counts.
  Accepted suggestions (``suggested=True``) and orphan tags count like any other tag.
* Krippendorff's alpha comes from the ``krippendorff`` package: nominal for actor; nominal and ordinal for
  stance, the ordinal scale being the codebook's stance order.  A stance missing from the codebook is placed
  after the codebook's last stance (in name order) and named in a note.  Alpha is ``None`` when it is
  undefined: no statement coded by two coders, or one single value on every shared statement (nothing varies).
* Cohen's kappa is computed for every pair of coders on the units both coded; ``None`` when they share no unit,
  or when both gave one and the same value throughout (chance agreement is then 1).
* Percent agreement is pairwise and pooled: over the units coded by two or more coders, the number of coder
  pairs giving the same value divided by the number of coder pairs (a unit coded by m coders has m(m-1)/2
  pairs).  With two coders it is the plain share of shared units on which they agree.
* A *disagreement* is a unit coded by two or more coders who did not all give the same value.
"""

from __future__ import annotations

import dataclasses
import math
import warnings
from collections import Counter
from dataclasses import asdict, dataclass
from itertools import combinations
from typing import Any, Hashable, Iterable, Literal, Sequence, cast

import krippendorff
import numpy as np

from tui.core.codebook import Codebook, default_codebook

ADJUDICATED = "adjudicated"
MATCH_JACCARD = 0.5  # spans of different coders at least this alike are one unit
FIELDS = ("actor", "stance")

Unit = tuple[str, int, int]  # (article_id, start, end)


@dataclass
class PairAgreement:
    """Two coders on the units both coded."""

    coder_a: str
    coder_b: str
    units: int
    agreement: float | None  # share of those units with the same value
    kappa: float | None


@dataclass
class Disagreement:
    article_id: str
    article_path: str | None
    start: int
    end: int
    quote: str
    values: dict[str, Any]  # coder -> value, for every coder who coded this field on the unit
    adjudicated: Any = None  # the adjudicated value, if any
    spans: dict[str, list[int]] = dataclasses.field(default_factory=dict)  # coder -> [start, end] tagged


@dataclass
class AgreementReport:
    field: str
    coders: list[str]
    units_coded: int  # statements with this field coded by at least one coder
    units_coded_by_two: int
    alpha_nominal: float | None
    alpha_ordinal: float | None  # stance only
    kappas: list[PairAgreement]
    percent_agreement: float | None  # a fraction in [0, 1]
    disagreements: list[Disagreement]
    notes: list[str] = dataclasses.field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: plain types, never NaN (undefined figures are ``None``)."""
        out = asdict(self)
        for key in ("alpha_nominal", "alpha_ordinal", "percent_agreement"):
            out[key] = _finite(out[key])
        for pair in out["kappas"]:
            pair["kappa"], pair["agreement"] = _finite(pair["kappa"]), _finite(pair["agreement"])
        return out


@dataclass
class ContestedUnit:
    """A statement on which coders differ; ``tags`` are the coders' tags, ``adjudicated`` the verdict's."""

    article_id: str
    article_path: str | None
    start: int
    end: int
    quote: str
    fields: list[str]  # "actor" and / or "stance"
    tags: dict[str, dict]
    adjudicated: dict | None = None

    def agreed(self) -> dict[str, str]:
        """The fields every coder gave the same value (empty fields left out): what a verdict starts from."""
        agreed: dict[str, str] = {}
        for name in FIELDS:
            values = {tag.get(name) for tag in self.tags.values()}
            value = values.pop() if len(values) == 1 else None
            if value is not None:
                agreed[name] = str(value)
        return agreed

    def verdict_change(self, change: dict) -> dict:
        """The fields to save for ``change`` to the verdict: a first verdict keeps what the coders agreed on."""
        return dict(change) if self.adjudicated else {**self.agreed(), **change}


# ----------------------------------------------------------------------------- public functions
def agreement(tags: Iterable[dict], field: str = "actor", codebook: Codebook | None = None) -> AgreementReport:
    """Agreement of the coders on ``field`` ("actor" or "stance") over ``tags`` (store tag documents)."""
    if field not in FIELDS:
        raise ValueError(f"field must be one of {', '.join(FIELDS)}, not {field!r}")
    codebook = codebook or default_codebook()
    units = group_by_unit(tags)
    coded: dict[Unit, dict[str, Any]] = {}
    for unit, by_annotator in units.items():
        values = {who: tag.get(field) for who, tag in by_annotator.items()
                  if who != ADJUDICATED and tag.get(field) is not None}
        if values:
            coded[unit] = values
    coders = sorted({who for values in coded.values() for who in values})
    shared = {unit: values for unit, values in coded.items() if len(values) >= 2}
    notes: list[str] = []
    if not coded:
        notes.append(f"no statement has a coded {field}")
    elif len(coders) < 2:
        notes.append(f"only one annotator ({coders[0]}) coded the {field}: agreement needs two")
    elif not shared:
        notes.append("no statement was coded by two or more annotators")

    alpha_nominal = alpha_ordinal = None
    if shared:
        distinct = {v for values in shared.values() for v in values.values()}
        if len(distinct) < 2:
            notes.append(f"every annotator gave the same {field} ({next(iter(distinct))}) on every shared "
                         f"statement: alpha is undefined when nothing varies")
        else:
            nominal_scale = sorted(distinct, key=str)
            alpha_nominal = krippendorff_alpha(shared, coders, nominal_scale, "nominal")
            if field == "stance":
                scale = [s.name for s in codebook.stances]
                unknown = sorted({v for values in coded.values() for v in values.values()} - set(scale), key=str)
                if unknown:
                    notes.append(f"stance(s) not in the codebook, placed after {scale[-1] if scale else 'nothing'}"
                                 f" on the ordinal scale: {', '.join(map(str, unknown))}")
                ordered = [value for value in scale + unknown if value in distinct]  # unused ranks change nothing
                alpha_ordinal = krippendorff_alpha(shared, coders, ordered, "ordinal")

    pairs = [_pair(a, b, coded) for a, b in combinations(coders, 2)]
    agreeing = total = 0
    for values in shared.values():
        counts = Counter(values.values())
        agreeing += sum(n * (n - 1) // 2 for n in counts.values())
        total += len(values) * (len(values) - 1) // 2
    disagreements = [_disagreement(unit, units[unit], field, values) for unit, values in shared.items()
                     if len(set(values.values())) > 1]
    disagreements.sort(key=lambda d: (str(d.article_path or ""), d.article_id, d.start, d.end))
    return AgreementReport(field=field, coders=coders, units_coded=len(coded), units_coded_by_two=len(shared),
                           alpha_nominal=alpha_nominal, alpha_ordinal=alpha_ordinal, kappas=pairs,
                           percent_agreement=agreeing / total if total else None,
                           disagreements=disagreements, notes=notes)


def contested_units(tags: Iterable[dict]) -> list[ContestedUnit]:
    """Statements where two or more coders gave different actors or stances, with the adjudicated tag if any.

    Coders who left a field empty do not take part in that field's comparison.
    """
    contested: list[ContestedUnit] = []
    for unit, by_annotator in group_by_unit(tags).items():
        coders = {who: tag for who, tag in by_annotator.items() if who != ADJUDICATED}
        differing = [name for name in FIELDS
                     if len({tag.get(name) for tag in coders.values() if tag.get(name) is not None}) > 1]
        if differing:
            some = _at_unit(unit, coders.values())
            contested.append(ContestedUnit(unit[0], some.get("article_path"), unit[1], unit[2],
                                           str(some.get("quote") or ""), differing, dict(sorted(coders.items())),
                                           by_annotator.get(ADJUDICATED)))
    contested.sort(key=lambda c: (str(c.article_path or ""), c.article_id, c.start, c.end))
    return contested


def cohen_kappa(a: Sequence[Hashable], b: Sequence[Hashable]) -> float | None:
    """Cohen's kappa of two equally long label sequences; ``None`` if empty or if chance agreement is 1."""
    n = len(a)
    if n == 0 or n != len(b):
        return None
    same = sum(x == y for x, y in zip(a, b))
    counts_a, counts_b = Counter(a), Counter(b)
    chance = sum(counts_a[label] * counts_b[label] for label in counts_a)  # n * n * expected agreement
    if chance == n * n:
        return None
    return (same * n - chance) / (n * n - chance)


def krippendorff_alpha(units: dict[Unit, dict[str, Any]], coders: list[str], scale: list[Any],
                       level: str) -> float | None:
    """Alpha of ``units`` (unit -> coder -> value) via the ``krippendorff`` package; ``None`` if undefined.

    Values are passed as their positions in ``scale`` (for "ordinal", the scale order is the rank order).
    """
    position = {value: i for i, value in enumerate(scale)}
    row = {coder: i for i, coder in enumerate(coders)}
    data = np.full((len(coders), len(units)), np.nan)
    for column, values in enumerate(units.values()):
        for coder, value in values.items():
            data[row[coder], column] = position[value]
    try:
        with np.errstate(all="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            value = float(krippendorff.alpha(reliability_data=data, level_of_measurement=cast(Literal["nominal", "ordinal", "interval", "ratio"], level),
                                             value_domain=list(range(len(scale)))))
    except ValueError:  # fewer than two values in the domain, or no unit coded twice
        return None
    return value if math.isfinite(value) else None


def group_by_unit(tags: Iterable[dict]) -> dict[Unit, dict[str, dict]]:
    """Tags by unit, then by annotator (see :func:`match_units`); kept under its old name for callers."""
    return match_units(tags)


def match_units(tags: Iterable[dict]) -> dict[Unit, dict[str, dict]]:
    """Tags by unit, then by annotator: spans of different coders matched by Jaccard overlap ≥ ``MATCH_JACCARD``.

    Greedy, largest overlap first; a unit holds at most one span of each coder and every two of its spans
    overlap at least that much.  On one exact span the newest ``updated`` tag of an annotator counts.
    """
    by_article: dict[str, dict[tuple[str, int, int], dict]] = {}
    for tag in tags:
        spans = by_article.setdefault(tag["article_id"], {})
        key = (tag["annotator"], tag["start"], tag["end"])
        old = spans.get(key)
        if old is None or str(tag.get("updated") or "") >= str(old.get("updated") or ""):
            spans[key] = tag
    units: dict[Unit, dict[str, dict]] = {}
    for article_id, spans in by_article.items():
        coded = [tag for (who, _s, _e), tag in spans.items() if who != ADJUDICATED]
        verdicts = [tag for (who, _s, _e), tag in spans.items() if who == ADJUDICATED]
        for group in _groups(coded):
            units[(article_id, *_representative(group))] = {tag["annotator"]: tag for tag in group}
        for verdict in verdicts:
            _place_verdict(article_id, verdict, units)
    return units


def jaccard(a: tuple[int, int], b: tuple[int, int]) -> float:
    """Shared characters of two spans over the characters of either."""
    shared = min(a[1], b[1]) - max(a[0], b[0])
    return shared / (max(a[1], b[1]) - min(a[0], b[0])) if shared > 0 else 0.0


def _span(tag: dict) -> tuple[int, int]:
    return tag["start"], tag["end"]


def _groups(tags: list[dict]) -> list[list[dict]]:
    """Complete-linkage greedy matching of the tags of one article into units."""
    tags = sorted(tags, key=lambda t: (t["start"], t["end"], t["annotator"]))
    pairs = []
    for i, a in enumerate(tags):  # a sweep: only spans that start before this one ends can overlap it
        for b in tags[i + 1:]:
            if b["start"] >= a["end"]:
                break
            if a["annotator"] != b["annotator"]:
                score = jaccard(_span(a), _span(b))
                if score >= MATCH_JACCARD:
                    pairs.append(((-score, a["start"], a["end"], b["start"], b["end"], a["annotator"],
                                   b["annotator"]), a, b))
    unit_of = {id(tag): [tag] for tag in tags}
    for _order, a, b in sorted(pairs, key=lambda p: p[0]):
        first, second = unit_of[id(a)], unit_of[id(b)]
        if first is second or {t["annotator"] for t in first} & {t["annotator"] for t in second}:
            continue
        if all(jaccard(_span(x), _span(y)) >= MATCH_JACCARD for x in first for y in second):
            first.extend(second)
            for tag in second:
                unit_of[id(tag)] = first
    return list({id(group): group for group in unit_of.values()}.values())


def _representative(group: list[dict]) -> tuple[int, int]:
    counts = Counter(_span(tag) for tag in group)
    return max(counts, key=lambda span: (counts[span], span[1] - span[0], -span[0]))


def _place_verdict(article_id: str, verdict: dict, units: dict[Unit, dict[str, dict]]) -> None:
    best, best_score = None, 0.0
    for unit, by_annotator in units.items():
        if unit[0] == article_id and ADJUDICATED not in by_annotator:
            score = jaccard(unit[1:], _span(verdict))
            if score >= MATCH_JACCARD and (score, -unit[1]) > (best_score, -(best[1] if best else 0)):
                best, best_score = unit, score
    if best is None:
        units[(article_id, *_span(verdict))] = {ADJUDICATED: verdict}
    else:
        units[best][ADJUDICATED] = verdict


# ----------------------------------------------------------------------------- helpers
def _pair(a: str, b: str, coded: dict[Unit, dict[str, Any]]) -> PairAgreement:
    both = [(values[a], values[b]) for values in coded.values() if a in values and b in values]
    if not both:
        return PairAgreement(a, b, 0, None, None)
    first, second = [x for x, _ in both], [y for _, y in both]
    same = sum(x == y for x, y in both)
    return PairAgreement(a, b, len(both), same / len(both), cohen_kappa(first, second))


def _disagreement(unit: Unit, by_annotator: dict[str, dict], field: str, values: dict[str, Any]) -> Disagreement:
    some = _at_unit(unit, [tag for who, tag in by_annotator.items() if who != ADJUDICATED])
    verdict = by_annotator.get(ADJUDICATED)
    spans = {who: [by_annotator[who]["start"], by_annotator[who]["end"]] for who in sorted(values)}
    return Disagreement(unit[0], some.get("article_path"), unit[1], unit[2], str(some.get("quote") or ""),
                        dict(sorted(values.items())), verdict.get(field) if verdict else None, spans)


def _at_unit(unit: Unit, tags: Iterable[dict]) -> dict:
    """The newest of the tags on the unit's representative span (its quote is the unit's)."""
    tags = list(tags)
    return _newest([t for t in tags if (t["start"], t["end"]) == unit[1:]] or tags)


def _newest(tags: Iterable[dict]) -> dict:
    return max(tags, key=lambda t: str(t.get("updated") or ""))


def _finite(value: float | None) -> float | None:
    return value if value is not None and math.isfinite(value) else None
