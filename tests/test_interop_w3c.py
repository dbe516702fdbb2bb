"""W3C Web Annotation: every exported annotation passes the W3C test suite's annotation-level MUSTs and the
SHOULDs that apply, validated with the suite's own JSON Schemas, and expands with the Web Annotation JSON-LD
context without losing a property.  Both come from ``../shared/data/w3c-annotation-tests`` (read in place,
no network: the JSON-LD context is served to pyld from that folder); the tests skip when it is absent."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from conftest import DATA
from interop_project import db_of, make_project

from tui.core.sets.annotation_set import export
from tui.core.sets.formats.w3c import ANNO_CONTEXT, annotator_iri
from tui.core.sets.importing import import_file

SUITE = DATA / "w3c-annotation-tests"
# The SHOULDs (and the MAYs newsdesk implements) each exported annotation must pass, by assertion file.  Not
# applicable: a body's resource class (3.2.2-bodyType: Text, Image ... for external bodies; ours are
# TextualBody), e-mail / homepage of agents (none known), generator, audience, rights, canonical, via,
# stylesheet, states and the other selector kinds.
APPLICABLE = [
    "annotations/3.3.1-annotationSingleCreatorImplemented.json",
    "annotations/3.3.1-annotationCreatedImplemented.json",
    "annotations/3.3.1-annotationModifiedImplemented.json",
    "annotations/3.3.5-annotationSingleMotivationImplemented.json",
    "annotations/3.3.5-annotationMotivationImplemented.json",
    "annotations/3.1-bodyKeyFound.json",
    "annotations/bodiesTargets/3.2.1-bodyFormat.json",
    "annotations/bodiesTargets/3.2.1-bodySingleFormat.json",
    "annotations/bodiesTargets/3.2.1-bodyLanguage.json",
    "annotations/bodiesTargets/3.2.1-bodySingleLanguage.json",
    "annotations/bodiesTargets/3.3.5-bodyPurpose.json",
    "annotations/bodiesTargets/3.2.1-targFormat.json",
    "annotations/bodiesTargets/3.2.1-targSingleFormat.json",
    "annotations/bodiesTargets/3.2.1-targLanguage.json",
    "annotations/bodiesTargets/3.2.1-targSingleLanguage.json",
    "annotations/bodiesTargets/3.2.2-targType.json",
    "annotations/bodiesTargets/4-targSpecificResource.json",
    "annotations/specificResource/4.2-selectorFound.json",
    "annotations/specificResource/4.2.4-textQuoteSelector.json",
    "annotations/specificResource/4.2.4-prefix.json",
    "annotations/specificResource/4.2.4-suffix.json",
    "annotations/specificResource/4.2.5-textPositionSelector.json",
    "annotations/3.3.1-annotationCreatorImplemented.json",
    "annotations/3.3.2-annotationCreatorAgentIdImplemented.json",
    "annotations/3.3.2-annotationCreatorAgentTypeImplemented.json",
    "annotations/3.3.2-annotationCreatorAgentNameImplemented.json",
    "annotations/3.3.2-annotationCreatorAgentSingleNameImplemented.json",
    "annotations/3.3.2-annotationCreatorAgentNicknameImplemented.json",
]

pytestmark = pytest.mark.skipif(not SUITE.is_dir(), reason=f"no W3C annotation test suite at {SUITE}")


def load(relative: str) -> dict:
    return json.loads((SUITE / relative).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def validators() -> Any:
    """A draft-4 validator per assertion file, ``$ref``s resolved among the suite's own schemas."""
    jsonschema = pytest.importorskip("jsonschema")
    referencing = pytest.importorskip("referencing")
    from referencing.jsonschema import DRAFT4

    schemas = {str(p.relative_to(SUITE)): json.loads(p.read_text(encoding="utf-8"))
               for p in SUITE.rglob("*.json") if p.parent.name != "tools"}
    registry = referencing.Registry().with_resources(
        (schema["id"], referencing.Resource.from_contents(schema, default_specification=DRAFT4))
        for schema in schemas.values() if isinstance(schema, dict) and "id" in schema)
    checker = jsonschema.Draft4Validator.FORMAT_CHECKER
    assert checker.conforms("2025-01-01", "date-time") is False  # formats really are checked

    def validator(relative: str) -> Any:
        return jsonschema.Draft4Validator(schemas[relative], registry=registry, format_checker=checker)
    return validator


def assertions(test_file: str) -> list[str]:
    return load(test_file)["assertions"]


def failures(validator: Any, files: list[str], document: dict) -> list[str]:
    found = []
    for relative in files:
        schema = load(relative)
        valid = validator(relative).is_valid(document)
        if valid != (schema["expectedResult"] == "valid"):
            found.append(f"{relative}: {schema.get('errorMessage', '')[:120]}")
    return found


def loader(url: str, options: Any = None) -> dict:
    """pyld's document loader: the Web Annotation context from the suite's folder, nothing from the network."""
    if url.rstrip("/") not in (ANNO_CONTEXT, ANNO_CONTEXT.replace("http:", "https:")):
        raise AssertionError(f"the JSON-LD expansion asked for {url}")
    return {"contextUrl": None, "documentUrl": url,
            "document": json.loads((SUITE / "anno.jsonld").read_text(encoding="utf-8"))}


@pytest.fixture(scope="module")
def collection(tmp_path_factory: pytest.TempPathFactory) -> dict:
    root = make_project(tmp_path_factory.mktemp("w3c") / "proj")
    out = root.parent / "set.jsonld"
    export(db_of(root), "w3c", out, language="en-GB")
    return json.loads(out.read_text(encoding="utf-8"))


def test_every_annotation_passes_the_musts(collection: dict, validators: Any) -> None:
    items = collection["first"]["items"]
    musts = assertions("annotations/annotationMusts.test")
    assert len(items) == 8 and len(musts) == 54
    for item in items:
        assert failures(validators, musts, item) == [], item["id"]


def test_every_annotation_passes_the_shoulds_that_apply(collection: dict, validators: Any) -> None:
    optional = set(assertions("annotations/annotationOptionals.test")) | set(
        assertions("annotations/annotationsAgentOptionals.test"))
    assert set(APPLICABLE) <= optional
    for item in collection["first"]["items"]:
        assert failures(validators, APPLICABLE, item) == [], item["id"]
        assert item["creator"]["id"] == annotator_iri(item["nd:annotator"])
        assert item["target"]["source"]["language"] == "en-GB"
        assert all(body["format"] == "text/plain" and body["language"] == "en-GB" for body in item["body"])


def test_the_collection_passes_its_musts(collection: dict, validators: Any) -> None:
    assert failures(validators, assertions("collections/collectionMusts.test"), collection) == []


def test_the_schemas_catch_a_broken_annotation(collection: dict, validators: Any) -> None:
    """Negative controls: the harness fails annotations that break a MUST or lack a SHOULD."""
    item = collection["first"]["items"][0]
    musts = assertions("annotations/annotationMusts.test")
    no_context = {k: v for k, v in item.items() if k != "@context"}
    assert any("3.1-annotationContextValidated" in f for f in failures(validators, musts, no_context))
    both = {**item, "bodyValue": "x"}
    assert any("notBodyBodyValue" in f for f in failures(validators, musts, both))
    bad_time = {**item, "created": "yesterday"}
    assert any("CreatedValidated" in f for f in failures(validators, musts, bad_time))
    anonymous = copy.deepcopy(item)
    del anonymous["creator"]["id"], anonymous["creator"]["nickname"]
    missing = failures(validators, APPLICABLE, anonymous)
    assert any("AgentId" in f for f in missing) and any("Nickname" in f for f in missing)


def test_every_annotation_expands_with_the_context_losing_nothing(collection: dict) -> None:
    jsonld = pytest.importorskip("pyld.jsonld")
    for item in collection["first"]["items"]:
        expanded = jsonld.expand(item, {"documentLoader": loader})
        assert len(expanded) == 1
        node = expanded[0]
        assert node["@id"] == item["id"] and node["@type"] == ["http://www.w3.org/ns/oa#Annotation"]
        assert count_properties(item) == count_properties(node)  # a term the context does not know is dropped
        creator = node["http://purl.org/dc/terms/creator"][0]
        assert creator["@id"] == item["creator"]["id"]
        assert creator["http://xmlns.com/foaf/0.1/nick"] == [{"@value": item["nd:annotator"]}]
        assert "urn:newsdesk:terms:tagId" in node
        target = node["http://www.w3.org/ns/oa#hasTarget"][0]
        source = target["http://www.w3.org/ns/oa#hasSource"][0]
        assert source["http://purl.org/dc/elements/1.1/language"] == [{"@value": "en-GB"}]
    unknown = {**collection["first"]["items"][0], "annotatorName": "x"}  # negative control: no such term
    assert count_properties(jsonld.expand(unknown, {"documentLoader": loader})[0]) == count_properties(unknown) - 1


def count_properties(value: Any) -> int:
    """Keys with a value, counted through every nested object (JSON-LD keywords and the context aside)."""
    if isinstance(value, list):
        return sum(count_properties(v) for v in value)
    if not isinstance(value, dict):
        return 0
    if "@value" in value:
        return 0
    return sum(1 + count_properties(v) for k, v in value.items()
               if k not in ("@context", "@id", "id", "@type", "type") and v is not None)


def test_the_export_imports_back_field_for_field(tmp_path: Path) -> None:
    root = make_project(tmp_path / "proj")
    out = tmp_path / "set.jsonld"
    export(db_of(root), "w3c", out)
    import_file(out, tmp_path / "fresh.json")
    from tui.core.store.database import AnnotationStore

    with AnnotationStore.open(tmp_path / "fresh.json", read_only=True) as fresh, \
            AnnotationStore.open(db_of(root), read_only=True) as original:
        assert {t["id"]: t for t in fresh.all_tags()} == {t["id"]: t for t in original.all_tags()}
