"""Actor mentions: gazetteer kinds, people, titles giving sides, spelling variants, speed, robustness."""

import random
import time

import pytest

from tui.core.extract import actor_data
from tui.core.extract.actors import find_mentions, name_key


def by_text(text):
    return {(m.text, m.kind, m.side, m.name) for m in find_mentions(text)}


def persons(text):
    return [(m.text, m.name, m.side) for m in find_mentions(text) if m.kind == "person"]


@pytest.mark.parametrize(
    "surface, side",
    [
        ("Russia", "Russia"), ("Russian Federation", "Russia"), ("Iran", "Iran"), ("Syria", "Syria"),
        ("South Korea", "South Korea"), ("North Korea", "North Korea"), ("Vietnam", "Vietnam"), ("Taiwan", "Taiwan"),
        ("Britain", "United Kingdom"), ("UK", "United Kingdom"), ("U.K.", "United Kingdom"),
        ("US", "United States"), ("U.S.", "United States"), ("USA", "United States"), ("America", "United States"),
        ("United States", "United States"), ("Turkey", "Turkey"), ("Türkiye", "Turkey"),
        ("Czech Republic", "Czech Republic"), ("Germany", "Germany"), ("Bolivia", "Bolivia"),
    ],
)
def test_countries(surface, side):
    mentions = find_mentions(f"Officials from {surface} arrived on Monday.")
    assert [(m.text, m.kind, m.side) for m in mentions] == [(surface, "country", side)]


def test_country_not_inside_region_names():
    assert find_mentions("Exports to Latin America and South America grew.") == []


@pytest.mark.parametrize(
    "word, side",
    [("Russian", "Russia"), ("Ukrainian", "Ukraine"), ("American", "United States"), ("British", "United Kingdom"),
     ("Chinese", "China"), ("Turkish", "Turkey"), ("Israeli", "Israel"), ("Palestinian", "Palestine"),
     ("Israelis", "Israel"), ("Iranian", "Iran")],
)
def test_demonyms(word, side):
    assert (word, "demonym", side, None) in by_text(f"The {word} reaction was swift.")


@pytest.mark.parametrize(
    "word, side",
    [("Kremlin", "Russia"), ("Moscow", "Russia"), ("Kyiv", "Ukraine"), ("Kiev", "Ukraine"),
     ("Washington", "United States"), ("White House", "United States"), ("Pentagon", "United States"),
     ("Downing Street", "United Kingdom"), ("Brussels", "European Union"), ("Ankara", "Turkey"),
     ("Beijing", "China"), ("Tehran", "Iran"), ("Élysée", "France"), ("Pyongyang", "North Korea")],
)
def test_metonyms(word, side):
    assert (word, "metonym", side, None) in by_text(f"The {word} reacted to the offer.")


@pytest.mark.parametrize(
    "word, side",
    [("EU", "European Union"), ("European Commission", "European Union"), ("NATO", "NATO"),
     ("UN", "United Nations"), ("Security Council", "United Nations"), ("Hamas", "Hamas"),
     ("Hezbollah", "Hezbollah"), ("IMF", "International Monetary Fund"), ("OPEC", "OPEC"), ("G7", "G7")],
)
def test_organisations(word, side):
    assert (word, "org", side, None) in by_text(f"On Monday the {word} rejected the proposal.")


def test_domestic_body_takes_side_of_demonym_and_possessive():
    found = by_text("The Russian Foreign Ministry and Ukraine's Defense Ministry issued statements.")
    assert ("Foreign Ministry", "org", "Russia", None) in found
    assert ("Defense Ministry", "org", "Ukraine", None) in found


def test_acronym_in_all_caps_headline_is_not_an_org():
    assert not [m for m in find_mentions("WHO WILL PAY FOR THE WAR") if m.kind == "org"]


@pytest.mark.parametrize(
    "sentence, name, side",
    [
        ("Russian Foreign Minister Sergey Lavrov spoke.", "Sergey Lavrov", "Russia"),
        ("U.S. President Donald Trump spoke.", "Donald Trump", "United States"),
        ("Ukraine's Defense Minister Rustem Umerov spoke.", "Rustem Umerov", "Ukraine"),
        ("Kremlin spokesperson Dmitry Peskov spoke.", "Dmitry Peskov", "Russia"),
        ("Later the head of the Russian delegation Vladimir Medinsky spoke.", "Vladimir Medinsky", "Russia"),
        ("Then his Turkish counterpart Hakan Fidan spoke.", "Hakan Fidan", "Turkey"),
        ("Nigerian Finance Minister Wale Edun spoke.", "Wale Edun", "Nigeria"),
        ("Brazil's central bank chief Gabriel Galipolo spoke.", "Gabriel Galipolo", "Brazil"),
    ],
)
def test_titles_give_person_and_side(sentence, name, side):
    assert (name, name, side) in persons(sentence)


def test_apposition_gives_person_and_side():
    assert ("Dmitry Peskov", "Dmitry Peskov", "Russia") in persons(
        "Dmitry Peskov, the Kremlin spokesman, declined to comment."
    )
    assert ("Ana Ruiz", "Ana Ruiz", "Spain") in persons("Ana Ruiz, who leads the Spanish team, arrived late.")


def test_possessive_owner_gives_side():
    text = "Russian President Vladimir Putin met envoys. Putin's press secretary Dmitrii Peskov confirmed it."
    assert ("Dmitrii Peskov", "Dmitrii Peskov", "Russia") in persons(text)


def test_speech_verb_marks_person_and_surname_resolves():
    text = ("Foreign Minister Sergei Lavrov said on Wednesday that talks would resume. "
            "Later, Lavrov added that nothing was agreed. Medinsky said he was ready.")
    found = persons(text)
    assert ("Lavrov", "Sergei Lavrov", None) in found or ("Lavrov", "Sergei Lavrov", "Russia") in found
    assert any(text_ == "Medinsky" for text_, _, _ in found)


def test_spelling_variants_are_one_actor():
    text = ("The Russian delegation, led by Vladimir Medinskiy, arrived. Medinsky said he was ready. "
            "Russian Foreign Minister Sergey Lavrov spoke. Sergei Lavrov added more. "
            "Ukrainian President Volodymyr Zelenskyy replied. Zelensky said no.")
    found = persons(text)
    names = {name for _, name, _ in found}
    assert names == {"Vladimir Medinskiy", "Sergey Lavrov", "Volodymyr Zelenskyy"}
    assert all(side in ("Russia", "Ukraine") for _, _, side in found)


def test_name_key_transliteration():
    assert name_key("Sergey Lavrov") == name_key("Sergei Lavrov")
    assert name_key("Dmitry Peskov") == name_key("Dmitrii Peskov")
    assert name_key("Vladimir Medinsky") == name_key("Vladimir Medinskiy")
    assert name_key("Zelensky") == name_key("Zelenskyy")
    assert name_key("Erdoğan") == name_key("Erdogan")
    assert name_key("Lavrov") != name_key("Peskov")


def test_ordinary_capitalised_words_and_places_are_not_people():
    text = ("Despite the rain, Both sides met. Officials said talks in Istanbul went well. "
            "Analysts said the deal in Geneva could hold. Right now, nobody knows.")
    assert persons(text) == []


def test_sentence_subject_gives_side_to_title_without_country():
    text = "Russia has proposed new talks in Istanbul, Foreign Minister Sergei Lavrov said on Wednesday."
    assert ("Sergei Lavrov", "Sergei Lavrov", "Russia") in persons(text)


def test_first_name_like_country_is_not_a_country():
    assert not [m for m in find_mentions("Jordan Bardella said the vote was fair.") if m.kind == "country"]


def test_headline_introduces_no_new_people():
    assert persons("Peace Deal in the Works After Istanbul Meeting") == []


def test_mentions_sorted_and_non_overlapping():
    text = open("seeds/002_b65d944ade763fd8.txt", encoding="utf-8").read()
    mentions = find_mentions(text)
    for left, right in zip(mentions, mentions[1:]):
        assert left.end <= right.start
    for mention in mentions:
        assert text[mention.start : mention.end] == mention.text


def test_tables_use_canonical_names():
    from tui.core.extract.actor_data import build_country_surfaces

    canonical = set(build_country_surfaces().values())
    for table in (actor_data.DEMONYMS, actor_data.METONYMS):
        for side in table:
            assert side in canonical or side == "European Union", side


@pytest.mark.parametrize("text", ["", " ", "\n", "U.S.", "’s", "A", "The", "Mr. ", "“", "said Lavrov"])
def test_edge_inputs(text):
    find_mentions(text)


def test_random_unicode_never_raises():
    rng = random.Random(11)
    alphabet = "aAbZ .,'’\n\"“”Ωжह語😀-Kremlin Putin said U.S. "
    for _ in range(300):
        find_mentions("".join(rng.choice(alphabet) for _ in range(rng.randint(0, 150))))


def test_speed_under_two_ms_per_4kb_and_one_megabyte():
    seeds = " ".join(open(f"seeds/{name}", encoding="utf-8").read() for name in (
        "000_078a66fef122c45d.txt", "002_b65d944ade763fd8.txt", "004_1b5e5c2c27ae4aa4.txt"))
    chunk = seeds[:4096]
    find_mentions(chunk)
    started = time.perf_counter()
    for _ in range(20):
        find_mentions(chunk)
    per_call = (time.perf_counter() - started) / 20
    assert per_call < 0.006  # measured ~2 ms; generous bound for slow CI machines
    big = (seeds * 70)[:1_000_000]
    assert len(find_mentions(big)) > 1000


def test_a_name_after_a_quotes_reporting_verb_is_a_person_without_the_quotes_sides():
    text = '"Russia must leave Ukraine," said Marta Kowalczyk. Kowalczyk then left the room.'
    assert persons(text) == [("Marta Kowalczyk", "Marta Kowalczyk", None), ("Kowalczyk", "Marta Kowalczyk", None)]
