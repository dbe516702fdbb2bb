"""Label Studio: the tasks have the shape Label Studio's importer documents, and who tagged what survives
export → Label Studio → export → import.

Label Studio is not installed here, so ``label_studio`` below does what its task importer and JSON exporter
do to a file (their source, ``tasks/serializers.py`` and ``data_export/serializers.py``, 1.x): an annotation's
``completed_by`` must be ``{"email": ...}`` of a member of the organization (or a member's id), a missing one
makes it the importing user's; of an annotation only ``result``, ``was_cancelled``, ``ground_truth``,
``lead_time`` and its ``id`` are kept, its times become the import time; a task's ``data`` and the results are
kept as they are; the export writes ``completed_by`` as ``{"id", "email", "first_name", "last_name"}``.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from datetime import datetime
from pathlib import Path

import pytest
from interop_project import CLAIM, QUOTE, SENTENCE, db_of, make_project, stored

from tui.core.sets.annotation_set import export
from tui.core.sets.formats.labelstudio import completed_by, email_name
from tui.core.sets.importing import import_file

IMPORT_TIME = "2031-01-01T00:00:00.000000Z"
# Django's EmailValidator accepts a dot-atom local part and a domain with a dot
EMAIL = re.compile(r"^[-!#$%&'*+/=?^_`{}|~0-9A-Za-z]+(\.[-!#$%&'*+/=?^_`{}|~0-9A-Za-z]+)*@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")


class Refused(Exception):
    pass


def label_studio(tasks: list[dict], members: dict[str, int], importer: int = 1) -> list[dict]:
    """Import ``tasks`` into a Label Studio project and export them again, as Label Studio does."""
    emails = {uid: email for email, uid in members.items()}
    exported = []
    for number, task in enumerate(tasks, start=1):
        kept = []
        for annotation in task.get("annotations", []):
            who = annotation.get("completed_by")
            if who is None:
                uid = importer
            elif isinstance(who, dict):
                if "email" not in who:
                    raise Refused("It's expected to have 'email' field in 'completed_by' data in annotations")
                if who["email"] not in members:
                    raise Refused(f"Unknown annotator's email {who['email']}")
                uid = members[who["email"]]
            elif isinstance(who, int) and who in emails:
                uid = who
            else:
                raise Refused(f"completed_by={who} is not a valid annotator's email or ID")
            kept.append({"id": 100 + len(kept), "completed_by": {"id": uid, "email": emails[uid], "first_name": "",
                                                                 "last_name": ""},
                         "result": json.loads(json.dumps(annotation["result"])),
                         "was_cancelled": annotation.get("was_cancelled", False),
                         "ground_truth": annotation.get("ground_truth", True), "lead_time": annotation.get("lead_time"),
                         "created_at": IMPORT_TIME, "updated_at": IMPORT_TIME, "task": number, "project": 1})
        exported.append({"id": number, "data": json.loads(json.dumps(task["data"])), "annotations": kept,
                         "predictions": [], "created_at": IMPORT_TIME, "updated_at": IMPORT_TIME, "project": 1})
    return exported


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path / "proj")


def exported_tasks(project: Path, tmp_path: Path) -> tuple[list[dict], ET.Element]:
    out = tmp_path / "tasks.json"
    export(db_of(project), "labelstudio", out)
    return json.loads(out.read_text(encoding="utf-8")), ET.parse(tmp_path / "tasks.label_config.xml").getroot()


def members_for(tasks: list[dict]) -> dict[str, int]:
    emails = sorted({a["completed_by"]["email"] for task in tasks for a in task["annotations"]})
    return {email: n for n, email in enumerate(["admin@example.org", *emails], start=1)}


def test_tasks_have_the_shape_label_studio_imports(project: Path, tmp_path: Path) -> None:
    tasks, config = exported_tasks(project, tmp_path)
    labels = config.find("Labels")
    assert labels is not None and labels.get("allowEmpty") == "true"
    names = {element.get("name") for element in config if element.get("name")}
    label_values = {label.get("value") for label in labels}
    assert "Statement" not in label_values
    regions = 0
    for task in tasks:
        text = task["data"]["text"]
        assert set(task) == {"data", "annotations"}
        for annotation in task["annotations"]:
            assert set(annotation["completed_by"]) == {"email"} and EMAIL.match(annotation["completed_by"]["email"])
            for name in ("created_at", "updated_at"):
                assert datetime.fromisoformat(annotation[name]).tzinfo is not None
            for result in annotation["result"]:
                assert result["from_name"] in names and result["to_name"] == "text"
                value = result["value"]
                assert type(value["start"]) is int and type(value["end"]) is int
                assert 0 <= value["start"] < value["end"] <= len(text)
                if result["type"] == "labels":
                    regions += 1
                    assert value["text"] == text[value["start"]:value["end"]]
                    assert set(value["labels"]) <= label_values and len(value["labels"]) <= 1
    assert regions == len(stored(project))
    carol = next(a for task in tasks for a in task["annotations"] if a["completed_by"]["email"] == "carol@newsdesk.local")
    assert [r["value"]["labels"] for r in carol["result"] if r["type"] == "labels"] == [[]]  # no actor: no label


def test_round_trip_through_label_studio_keeps_who_tagged_what_and_when(project: Path, tmp_path: Path) -> None:
    tasks, _config = exported_tasks(project, tmp_path)
    back = tmp_path / "project-1-at-2031.json"
    back.write_text(json.dumps(label_studio(tasks, members_for(tasks))), encoding="utf-8")
    fresh = tmp_path / "fresh.json"
    result = import_file(back, fresh)
    assert (result.added, result.replaced, result.reanchored, result.orphaned) == (len(stored(project)), 0, 0, 0)
    again = {tag["id"]: tag for tag in stored_at(fresh)}
    assert again == stored(project)  # field for field: annotator, times, spans, stance, note, suggested
    assert {t["annotator"] for t in again.values()} == {"alice", "bob", "carol", "Jean Dupont"}
    spans = sorted((t["quote"], t["annotator"]) for t in again.values() if t["annotator"] == "alice")
    assert [q for q, _ in spans] == sorted([SENTENCE, QUOTE, CLAIM, "NATO warned on Friday."])


def stored_at(db: Path) -> list[dict]:
    from tui.core.store.database import AnnotationStore

    with AnnotationStore.open(db, read_only=True) as store:
        return list(store.all_tags())


def test_an_edit_in_label_studio_wins_and_is_dated_by_label_studio(project: Path, tmp_path: Path) -> None:
    tasks, _config = exported_tasks(project, tmp_path)
    after = label_studio(tasks, members_for(tasks))
    quote_tag = next(t for t in stored(project).values() if t["quote"] == QUOTE)
    for task in after:
        for annotation in task["annotations"]:
            for result in annotation["result"]:
                if result["id"] == quote_tag["id"] and result["type"] == "labels":
                    result["value"]["labels"] = ["Ukraine"]
                    annotation["updated_at"] = "2031-02-03T04:05:06Z"
    back = tmp_path / "edited.json"
    back.write_text(json.dumps(after), encoding="utf-8")
    fresh = tmp_path / "fresh.json"
    import_file(back, fresh)
    again = {tag["id"]: tag for tag in stored_at(fresh)}
    assert again[quote_tag["id"]]["actor"] == "Ukraine" and again[quote_tag["id"]]["annotator"] == "alice"
    assert again[quote_tag["id"]]["updated"] == "2031-02-03T04:05:06.000000+00:00"
    assert again[quote_tag["id"]]["created"] == quote_tag["created"]
    others = {uid: tag for uid, tag in again.items() if uid != quote_tag["id"]}
    assert others == {uid: tag for uid, tag in stored(project).items() if uid in others}


def test_label_studio_refuses_unknown_members_and_a_new_users_tags_are_their_own(project: Path,
                                                                                tmp_path: Path) -> None:
    tasks, _config = exported_tasks(project, tmp_path)
    members = members_for(tasks)
    del members["bob@newsdesk.local"]
    with pytest.raises(Refused, match="bob@newsdesk.local"):
        label_studio(tasks, members)
    # a region another user made in Label Studio (same region id copied into their annotation) is theirs
    after = label_studio(tasks, members_for(tasks))
    task = next(t for t in after if any(a["completed_by"]["email"] == "bob@newsdesk.local" for a in t["annotations"]))
    bob = next(a for a in task["annotations"] if a["completed_by"]["email"] == "bob@newsdesk.local")
    task["annotations"].append({**bob, "completed_by": {"id": 99, "email": "dana@example.org"}})
    back = tmp_path / "copied.json"
    back.write_text(json.dumps(after), encoding="utf-8")
    fresh = tmp_path / "fresh.json"
    import_file(back, fresh)
    dana = [t for t in stored_at(fresh) if t["annotator"] == "labelstudio:dana@example.org"]
    assert len(dana) == len(bob["result"]) - sum(r["type"] != "labels" for r in bob["result"])
    assert {t["id"] for t in dana}.isdisjoint(stored(project))


@pytest.mark.parametrize(("annotator", "expected"), [
    ("alice", {"email": "alice@newsdesk.local"}),
    ("a.b_c-d", {"email": "a.b_c-d@newsdesk.local"}),
    ("eve@example.org", {"email": "eve@example.org"}),
    ("labelstudio:eve@example.org", {"email": "eve@example.org"}),
    ("labelstudio:7", 7),
])
def test_completed_by_forms(annotator: str, expected: object) -> None:
    assert completed_by(annotator) == expected


@pytest.mark.parametrize("name", ["Jean Dupont", "Jean  Dupont", "josé", "..x..", "a" * 80, "日本"])
def test_every_name_gets_a_valid_distinct_address(name: str) -> None:
    email = completed_by(name)["email"]  # type: ignore[index]
    assert EMAIL.match(email) and len(email.split("@")[0]) <= 64
    assert email_name(name) != email_name(name + " ") and email_name(name) != name
