"""Intercoder agreement: alpha against the krippendorff package and a textbook value, kappa against sklearn."""

from __future__ import annotations

import json
import math
import random
import warnings
from pathlib import Path

import krippendorff
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.metrics import cohen_kappa_score

from tui.cli import main
from tui.core.codebook import Codebook
from tui.core.sets.agreement import agreement, cohen_kappa, contested_units
from tui.core.store.database import AnnotationStore

STANCES = ["support", "conditional support", "neutral", "sceptical", "oppose", "hostile"]
ACTORS = ["Russia", "Ukraine", "United States", "European Union", "Turkey", "NATO"]
CODEBOOK = Codebook.from_dict({"actors": ACTORS, "stances": STANCES})

# Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C (nominal data, any number of
# observers, missing data): 4 observers by 12 units, values 1-5, None where an observer did not code the unit.
# The paper's answer is alpha = 0.743; by its coincidence matrix (n = 40, diagonal 7 + 10 + 8 + 4 + 3 = 32,
# marginals 9, 13, 10, 5, 3) alpha = 1 - (n - 1)(n - 32) / (n^2 - sum n_c^2) = 1 - 39 * 8 / 1216 = 113/152.
TEXTBOOK = {
    "A": [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None],
    "B": [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3],
    "C": [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None],
    "D": [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None],
}


def tag(who: str, unit: int, actor: str | None = None, stance: str | None = None, article: str = "art",
        updated: str = "2025-01-01T00:00:00+00:00") -> dict:
    return {"id": f"{who}-{article}-{unit}", "article_id": article, "article_path": f"{article}.txt",
            "start": unit * 10, "end": unit * 10 + 5, "quote": f"quote {unit}", "actor": actor, "stance": stance,
            "annotator": who, "updated": updated}


def tags_from_matrix(matrix: dict[str, list], field: str, scale: list[str]) -> list[dict]:
    """Coder -> list of value indexes (None: not coded) as tag documents with the values from ``scale``."""
    out = []
    for who, values in matrix.items():
        for unit, value in enumerate(values):
            if value is not None:
                out.append(tag(who, unit, **{field: scale[value]}))
    return out


def reference_alpha(matrix: dict[str, list], scale: list[str], level: str) -> float | None:
    data = [[scale[v] if v is not None else np.nan for v in values] for values in matrix.values()]
    try:
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            value = krippendorff.alpha(reliability_data=data, level_of_measurement=level,
                                       value_domain=scale if level == "ordinal" else None)
    except ValueError:
        return None
    return float(value) if math.isfinite(value) else None


def reference_kappa(a: list, b: list) -> float | None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        value = cohen_kappa_score(a, b)
    return float(value) if math.isfinite(value) else None


def assert_close(mine: float | None, reference: float | None) -> None:
    assert (mine is None) == (reference is None), (mine, reference)
    if mine is not None:
        assert mine == pytest.approx(reference, abs=1e-9)


def check_against_references(matrix: dict[str, list], n_values: int) -> None:
    stance_scale = STANCES[:n_values]
    report = agreement(tags_from_matrix(matrix, "stance", stance_scale), "stance", CODEBOOK)
    assert_close(report.alpha_nominal, reference_alpha(matrix, stance_scale, "nominal"))
    assert_close(report.alpha_ordinal, reference_alpha(matrix, stance_scale, "ordinal"))
    actor_report = agreement(tags_from_matrix(matrix, "actor", ACTORS[:n_values]), "actor", CODEBOOK)
    assert_close(actor_report.alpha_nominal, reference_alpha(matrix, ACTORS[:n_values], "nominal"))
    assert actor_report.alpha_ordinal is None
    pairs = {(p.coder_a, p.coder_b): p for p in report.kappas}
    coders = [c for c in matrix if any(v is not None for v in matrix[c])]
    assert sorted(report.coders) == sorted(coders)
    for i, a in enumerate(coders):
        for b in coders[i + 1:]:
            both = [(x, y) for x, y in zip(matrix[a], matrix[b]) if x is not None and y is not None]
            pair = pairs[tuple(sorted((a, b)))]
            assert pair.units == len(both)
            if both:
                first, second = [STANCES[x] for x, _ in both], [STANCES[y] for _, y in both]
                if tuple(sorted((a, b))) != (a, b):
                    first, second = second, first
                assert_close(pair.kappa, reference_kappa(first, second))
            else:
                assert pair.kappa is None and pair.agreement is None
    json.dumps(report.to_dict(), allow_nan=False)


# ----------------------------------------------------------------------------- known values
def test_textbook_example_nominal_alpha_is_113_over_152() -> None:
    scale = [str(v) for v in range(6)]
    report = agreement(tags_from_matrix(TEXTBOOK, "actor", scale), "actor")
    assert report.alpha_nominal == pytest.approx(113 / 152, abs=1e-12)
    assert round(report.alpha_nominal, 3) == 0.743
    assert report.coders == ["A", "B", "C", "D"]
    assert report.units_coded == 12 and report.units_coded_by_two == 11  # unit 12: observer B alone
    # Pairwise percent agreement, by hand: 43 agreeing coder pairs out of 55 over the 11 shared units.
    assert report.percent_agreement == pytest.approx(43 / 55)
    assert [(d.start, d.values) for d in report.disagreements] == [
        (10, {"A": "2", "B": "2", "C": "3", "D": "2"}),
        (50, {"A": "1", "B": "2", "C": "3", "D": "4"}),
        (70, {"A": "1", "B": "1", "C": "2", "D": "1"}),
    ]


def test_textbook_example_ordinal_alpha_on_the_codebook_scale() -> None:
    report = agreement(tags_from_matrix(TEXTBOOK, "stance", [""] + STANCES), "stance", CODEBOOK)
    assert report.alpha_nominal == pytest.approx(113 / 152, abs=1e-12)
    assert round(report.alpha_ordinal, 3) == 0.815  # the value the krippendorff package documents for this data
    assert_close(report.alpha_ordinal, reference_alpha({k: [None if v is None else v - 1 for v in vals]
                                                         for k, vals in TEXTBOOK.items()}, STANCES, "ordinal"))


def test_cohen_kappa_by_hand() -> None:
    # 10 items, 7 agreements; a: 6 x "y", 4 x "n"; b: 5 x "y", 5 x "n"  ->  p_o = 0.7, p_e = 0.5, kappa = 0.4
    a = list("yyyyyynnnn")
    b = list("yyyynnynnn")
    assert cohen_kappa(a, b) == pytest.approx(0.4)
    assert cohen_kappa([], []) is None
    assert cohen_kappa(["x", "x"], ["x", "x"]) is None  # chance agreement 1: undefined


# ----------------------------------------------------------------------------- against the references
@pytest.mark.parametrize("seed", range(12))
def test_random_fixtures_match_krippendorff_and_sklearn(seed: int) -> None:
    rng = random.Random(seed)
    n_coders, n_values, n_units = rng.randint(2, 5), rng.randint(2, 6), rng.randint(3, 40)
    missing = rng.choice([0.0, 0.2, 0.5])
    skew = rng.random()  # sometimes nearly everyone agrees
    matrix = {}
    for c in range(n_coders):
        values = []
        for u in range(n_units):
            if rng.random() < missing:
                values.append(None)
            elif rng.random() < skew:
                values.append(u % n_values)
            else:
                values.append(rng.randrange(n_values))
        matrix[f"coder{c}"] = values
    check_against_references(matrix, n_values)


@settings(max_examples=60, deadline=None)
@given(st.integers(2, 5).flatmap(lambda coders: st.integers(2, 6).flatmap(lambda values: st.tuples(
    st.just(values),
    st.lists(st.lists(st.one_of(st.none(), st.integers(0, values - 1)), min_size=1, max_size=15),
             min_size=coders, max_size=coders)))))
def test_generated_fixtures_match_krippendorff_and_sklearn(case: tuple[int, list[list]]) -> None:
    n_values, rows = case
    width = max(len(r) for r in rows)
    matrix = {f"c{i}": row + [None] * (width - len(row)) for i, row in enumerate(rows)}
    check_against_references(matrix, n_values)


# ----------------------------------------------------------------------------- definitions and degenerate cases
def test_no_tags_and_one_annotator_do_not_crash() -> None:
    empty = agreement([], "stance")
    assert empty.coders == [] and empty.alpha_nominal is None and empty.alpha_ordinal is None
    assert empty.percent_agreement is None and empty.kappas == [] and empty.notes
    alone = agreement([tag("alice", u, "Russia", STANCES[u % 3]) for u in range(5)], "stance")
    assert alone.coders == ["alice"] and alone.alpha_nominal is None and "only one annotator" in alone.notes[0]
    json.dumps(empty.to_dict(), allow_nan=False)
    json.dumps(alone.to_dict(), allow_nan=False)


def test_everyone_agreeing_on_one_value_leaves_alpha_undefined_with_a_note() -> None:
    tags = [tag(who, u, "Russia") for who in ("alice", "bob") for u in range(4)]
    report = agreement(tags, "actor")
    assert report.alpha_nominal is None and report.percent_agreement == 1.0 and not report.disagreements
    assert any("undefined" in note for note in report.notes)
    assert report.kappas[0].kappa is None and report.kappas[0].agreement == 1.0


def test_everyone_agreeing_on_several_values_gives_alpha_one() -> None:
    tags = [tag(who, u, ACTORS[u % 2], STANCES[u % 4]) for who in ("alice", "bob", "carol") for u in range(8)]
    for field in ("actor", "stance"):
        report = agreement(tags, field)
        assert report.alpha_nominal == pytest.approx(1.0) and report.percent_agreement == 1.0
        assert all(p.kappa == pytest.approx(1.0) for p in report.kappas)
    assert agreement(tags, "stance").alpha_ordinal == pytest.approx(1.0)


def test_pairs_without_common_units_have_no_kappa() -> None:
    tags = [tag("alice", 0, "Russia"), tag("bob", 0, "Ukraine"), tag("carol", 1, "NATO"), tag("bob", 1, "NATO")]
    report = agreement(tags, "actor")
    pairs = {(p.coder_a, p.coder_b): p for p in report.kappas}
    assert pairs[("alice", "carol")].units == 0 and pairs[("alice", "carol")].kappa is None
    assert pairs[("alice", "bob")].units == 1 and pairs[("bob", "carol")].agreement == 1.0


def test_adjudicated_is_not_a_coder_and_an_empty_field_is_not_coded() -> None:
    tags = [tag("alice", 0, "Russia", "support"), tag("bob", 0, "Ukraine", None),
            tag("adjudicated", 0, "Ukraine", "oppose"), tag("alice", 1, None, "neutral"),
            tag("bob", 1, "NATO", "neutral")]
    actor = agreement(tags, "actor")
    assert actor.coders == ["alice", "bob"] and actor.units_coded == 2 and actor.units_coded_by_two == 1
    assert actor.disagreements[0].values == {"alice": "Russia", "bob": "Ukraine"}
    assert actor.disagreements[0].adjudicated == "Ukraine" and actor.disagreements[0].quote == "quote 0"
    stance = agreement(tags, "stance")
    assert stance.units_coded_by_two == 1 and not stance.disagreements  # only unit 1 has two stances


def test_stance_outside_the_codebook_goes_after_the_last_one() -> None:
    tags = [tag("alice", 0, stance="support"), tag("bob", 0, stance="furious"),
            tag("alice", 1, stance="oppose"), tag("bob", 1, stance="oppose")]
    report = agreement(tags, "stance", CODEBOOK)
    assert report.alpha_ordinal is not None and any("furious" in note for note in report.notes)
    expected = reference_alpha({"a": [0, 4], "b": [6, 4]}, [*STANCES, "furious"], "ordinal")
    assert report.alpha_ordinal == pytest.approx(expected)


def test_newest_tag_of_an_annotator_on_a_unit_counts() -> None:
    tags = [tag("alice", 0, "Russia", updated="2025-01-01"), {**tag("alice", 0, "Ukraine", updated="2025-02-01"),
                                                             "id": "other"}, tag("bob", 0, "Ukraine")]
    assert agreement(tags, "actor").percent_agreement == 1.0


def test_unknown_field_is_refused() -> None:
    with pytest.raises(ValueError):
        agreement([], "note")


def test_contested_units_differ_on_actor_or_stance_and_carry_the_verdict() -> None:
    tags = [tag("alice", 0, "Russia", "support"), tag("bob", 0, "Russia", "oppose"),
            tag("adjudicated", 0, "Russia", "neutral"),
            tag("alice", 1, "Russia", "support"), tag("bob", 1, "Russia", None),  # an empty field is no dispute
            tag("alice", 2, "NATO", "support", article="b"), tag("bob", 2, "Turkey", "neutral", article="b"),
            tag("carol", 3, "NATO")]
    contested = contested_units(tags)
    assert [(c.article_id, c.start, c.fields) for c in contested] == [("art", 0, ["stance"]),
                                                                      ("b", 20, ["actor", "stance"])]
    assert contested[0].adjudicated["stance"] == "neutral" and sorted(contested[0].tags) == ["alice", "bob"]
    assert contested[1].adjudicated is None and contested[1].article_path == "b.txt"


# ----------------------------------------------------------------------------- the command
TEXT = "Russia said talks could resume. Ukraine rejected the \x1b[31mproposal[/b]. Turkey offered to host them."
SPANS = [(0, 31), (32, TEXT.index(" Turkey")), (TEXT.index("Turkey"), len(TEXT))]


def build_db(path: Path, values: dict[str, list[tuple[str | None, str | None]]]) -> None:
    for who, per_span in values.items():
        with AnnotationStore.open(path, annotator=who) as store:
            for (start, end), (actor, stance) in zip(SPANS, per_span):
                store.set_tag(article_id="art1", article_path="news/a.txt", text=TEXT, start=start, end=end,
                              actor=actor, stance=stance)


def test_cli_table_shows_figures_and_disagreements(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "db.json"
    build_db(db, {"alice": [("Russia", "support"), ("Ukraine", "oppose"), ("Turkey", "neutral")],
                  "bob": [("Russia", "support"), ("Russia", "oppose"), ("Turkey", "support")]})
    assert main(["agree", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert "Krippendorff's alpha (nominal)" in out and "Krippendorff's alpha (ordinal)" in out
    assert "Disagreements on actor: 1" in out and "Disagreements on stance: 1" in out
    assert "news/a.txt" in out and f"32-{SPANS[1][1]}" in out and "alice: Ukraine" in out and "bob: Russia" in out
    assert "\x1b" not in out and "[/b]" in out  # escape codes stripped, markup printed as text
    assert "66.7%" in out  # actor: 2 of 3 shared statements agree


def test_cli_json_is_machine_readable_without_nan(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "db.json"
    build_db(db, {"alice": [("Russia", "support")] * 3, "bob": [("Russia", "support")] * 3})
    assert main(["agree", "--db", str(db), "--format", "json"]) == 0
    raw = capsys.readouterr().out
    assert "NaN" not in raw
    data = json.loads(raw)
    assert set(data["fields"]) == {"actor", "stance"}
    actor = data["fields"]["actor"]
    assert actor["alpha_nominal"] is None and actor["percent_agreement"] == 1.0 and actor["notes"]
    assert actor["kappas"] == [{"coder_a": "alice", "coder_b": "bob", "units": 3, "agreement": 1.0, "kappa": None}]
    assert main(["agree", "--db", str(db), "--format", "json", "--field", "stance"]) == 0
    assert list(json.loads(capsys.readouterr().out)["fields"]) == ["stance"]


def test_cli_empty_and_missing_databases(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "db.json"
    AnnotationStore.open(db, annotator="me", codebook=CODEBOOK.to_dict()).close()
    assert main(["agree", "--db", str(db)]) == 0
    assert "no statement has a coded actor" in capsys.readouterr().out
    assert main(["agree", "--db", str(tmp_path / "nope.json")]) == 2
    err = capsys.readouterr().err
    assert "nope.json" in err and len(err.strip().splitlines()) == 1
    (tmp_path / "bad.json").write_text("{not json")
    assert main(["agree", "--db", str(tmp_path / "bad.json")]) == 2
    assert "bad.json" in capsys.readouterr().err
