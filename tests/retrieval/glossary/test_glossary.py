"""The glossary data: complete, B1, Dutch number format, arithmetic that adds up, and a strict loader."""

from __future__ import annotations

import math
import re
import statistics
from pathlib import Path

import pytest
import yaml

from assistant.core.errors import BadInputError
from retrieval.glossary.entries import GLOSSARY_PATH, Glossary, load_glossary
from retrieval.glossary.match import surface_of

REQUIRED_TERMS = [
    "percentage", "procentpunt", "relatief versus absoluut verschil", "per 1.000 inwoners", "gemiddelde",
    "mediaan", "spreiding", "kwartiel", "index", "rangorde", "noemer", "doelgroep",
    "kleine aantallen en toeval", "onderdrukte cijfers", "voorlopige cijfers", "steekproef versus registratie",
    "marge en betrouwbaarheidsinterval", "significant", "trend versus schommeling", "basisjaar",
    "regressie naar het gemiddelde", "correlatie versus oorzaak", "ecologische valkuil",
    "samenstellingseffect", "standaardiseren naar leeftijd", "laag inkomen", "sociaal minimum", "bijstand",
    "jeugdzorg in natura", "WMO", "huishouden", "eenpersoonshuishouden", "eenoudergezin",
    "migratieachtergrond", "WOZ-waarde", "bevolkingsdichtheid", "wijk versus buurt",
    "gemeentelijke herindeling", "indelingswijziging", "referentiewaarde", "verhaal versus cijfer",
    "eenzaamheid", "schulden",
]
TEXT_FIELDS = ("definition", "definition_en", "example", "example_en", "mistake", "ask_yourself")
DUTCH_FIELDS = ("definition", "example", "mistake", "ask_yourself")
WORD = re.compile(r"\w+(?:[.,'’-]\w+)*")


@pytest.fixture(scope="module")
def entries():
    return load_glossary()


@pytest.fixture(scope="module")
def raw_entries() -> dict[str, dict]:
    return {item["term"]: item for item in yaml.safe_load(GLOSSARY_PATH.read_text(encoding="utf-8"))}


def test_glossary_has_the_required_terms_and_enough_entries(entries):
    terms = [entry.term for entry in entries]
    assert len(terms) >= 44
    assert [term for term in REQUIRED_TERMS if term not in terms] == []


def test_every_entry_has_all_fields_filled(entries):
    for entry in entries:
        empty = [name for name in TEXT_FIELDS if not getattr(entry, name).strip()]
        assert empty == [], f"{entry.term}: empty {empty}"
        assert entry.aliases, f"{entry.term}: no aliases"
        assert entry.related, f"{entry.term}: no related terms"
        assert entry.term not in entry.related


def test_related_terms_point_at_entries(entries):
    glossary = Glossary(entries)
    for entry in entries:
        for name in entry.related:
            assert glossary.get(name) is not None, f"{entry.term} relates to unknown {name}"


def sentence_lengths(text: str) -> list[int]:
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", text.strip()) if s]
    return [len(WORD.findall(s)) for s in sentences]


def test_definitions_are_b1_short_sentences(entries):
    for entry in entries:
        lengths = sentence_lengths(entry.definition)
        assert statistics.mean(lengths) <= 15, f"{entry.term}: mean sentence length {lengths}"


def test_sentence_length_counts_numbers_as_one_word():
    assert sentence_lengths("Dat is 10,8% van 1.000 mensen. Klaar.") == [6, 1]


def test_dutch_text_uses_dutch_number_format(entries):
    english_decimal = re.compile(r"\d\.\d{1,2}(?!\d)")  # 10.8 instead of 10,8
    english_thousands = re.compile(r"\d,\d{3}(?!\d)")  # 1,000 instead of 1.000
    for entry in entries:
        for name in DUTCH_FIELDS:
            text = getattr(entry, name)
            assert not english_decimal.search(text), f"{entry.term}.{name}: {text}"
            assert not english_thousands.search(text), f"{entry.term}.{name}: {text}"


def parse_dutch(text: str) -> float:
    return float(text.replace(".", "").replace(",", "."))


def test_procentpunt_example_subtracts_correctly(entries):
    example = Glossary(entries).get("procentpunt").example
    found = re.search(r"([\d,]+)% − ([\d,]+)% = ([\d,]+) procentpunt", example)
    assert found, example
    a, b, result = (parse_dutch(g) for g in found.groups())
    assert round(a - b, 1) == result
    assert "%" not in example[found.end(3):found.end(3) + 2]


def test_relative_difference_example_divides_correctly(entries):
    example = Glossary(entries).get("relatief versus absoluut verschil").example
    found = re.search(r"\(([\d,]+) − ([\d,]+)\) / ([\d,]+) = ([\d,]+)% hoger", example)
    assert found, example
    a, b, base, result = (parse_dutch(g) for g in found.groups())
    assert base == b
    assert round((a - b) / b * 100, 1) == result
    points = re.search(r"= ([\d,]+) procentpunt", example)
    assert points and parse_dutch(points.group(1)) == round(a - b, 1)


def compute(check: dict) -> float:
    op, a, b, values = check["op"], check.get("a"), check.get("b"), check.get("values")
    if op in ("margin95", "margin95_diff"):
        variance = check["p"] * (100 - check["p"]) / check["n"]
        if op == "margin95_diff":
            variance += check["p2"] * (100 - check["p2"]) / check["n2"]
        return 1.96 * math.sqrt(variance)
    simple = {
        "difference": lambda: a - b, "relative": lambda: (a - b) / b * 100, "percent": lambda: a / b * 100,
        "index": lambda: a / b * 100, "per_1000": lambda: a / b * 1000, "ratio": lambda: a / b,
        "sum": lambda: sum(values), "mean": lambda: statistics.mean(values),
        "median": lambda: statistics.median(values),
        "weighted": lambda: sum(w * v for w, v in zip(check["weights"], values, strict=True)),
    }
    return simple[op]()


def test_every_check_computes_and_appears_in_the_example(raw_entries):
    checked = 0
    for term, item in raw_entries.items():
        for check in item.get("checks", []):
            shown = check["shown"]
            decimals = len(shown.split(",")[1]) if "," in shown else 0
            assert round(compute(check), decimals) == pytest.approx(parse_dutch(shown)), f"{term}: {check}"
            assert re.search(rf"(?<![\d.,]){re.escape(shown)}(?![\d]|,\d)", item["example"]), f"{term}: {shown}"
            checked += 1
    assert checked >= 30
    assert {c["op"] for c in raw_entries["procentpunt"]["checks"]} == {"difference"}
    assert "relative" in {c["op"] for c in raw_entries["relatief versus absoluut verschil"]["checks"]}


def test_a_wrong_check_would_be_caught():
    assert round(compute({"op": "relative", "a": 11.5, "b": 10.8}), 1) != 0.7
    assert round(compute({"op": "per_1000", "a": 38085, "b": 537833})) == 71


def test_aliases_are_unique_across_entries(entries):
    owner: dict[str, str] = {}
    for entry in entries:
        for form in [entry.term, *entry.aliases]:
            key = surface_of(entry.term, form).key
            assert owner.setdefault(key, entry.term) == entry.term, f"{form}: {entry.term} and {owner[key]}"


def write_glossary(tmp_path: Path, entries: list[dict]) -> Path:
    path = tmp_path / "glossary.yaml"
    path.write_text(yaml.safe_dump(entries, allow_unicode=True), encoding="utf-8")
    return path


def entry(term: str, aliases: list[str], related: list[str] | None = None, **extra: object) -> dict:
    return {"term": term, "aliases": aliases, "definition": "Uitleg.", "definition_en": "Explanation.",
            "example": "Voorbeeld 1.", "example_en": "Example 1.", "mistake": "Fout.",
            "ask_yourself": "Vraag?", "related": related or [], **extra}


def test_loader_names_the_entry_with_a_duplicate_alias(tmp_path):
    path = write_glossary(tmp_path, [entry("mediaan", ["middelste waarde"]),
                                     entry("gemiddelde", ["Middelste-Waarde"])])
    with pytest.raises(BadInputError, match="'gemiddelde'.*'mediaan'"):
        load_glossary(path)


def test_loader_rejects_the_same_alias_twice_in_one_entry(tmp_path):
    path = write_glossary(tmp_path, [entry("enquête", ["vragenlijst", "Vragenlijst"])])
    with pytest.raises(BadInputError, match="'enquête' lists 'Vragenlijst' twice"):
        load_glossary(path)


def test_loader_rejects_unknown_keys_empty_fields_and_unknown_related(tmp_path):
    with pytest.raises(BadInputError, match="'alfa'.*unknown keys: alias"):
        load_glossary(write_glossary(tmp_path, [entry("alfa", [], alias=["beta"])]))
    with pytest.raises(BadInputError, match="'alfa' has empty fields: mistake"):
        load_glossary(write_glossary(tmp_path, [entry("alfa", [], mistake=" ")]))
    with pytest.raises(BadInputError, match="'alfa' relates to unknown terms: beta"):
        load_glossary(write_glossary(tmp_path, [entry("alfa", [], related=["beta"])]))
    with pytest.raises(BadInputError, match="'alfa': '-' has no words"):
        load_glossary(write_glossary(tmp_path, [entry("alfa", ["-"])]))


def test_loader_accepts_a_valid_file_and_ignores_checks(tmp_path):
    path = write_glossary(tmp_path, [entry("alfa", ["al"], checks=[{"op": "sum"}]), entry("beta", [], ["alfa"])])
    assert [e.term for e in load_glossary(path)] == ["alfa", "beta"]
