"""Term matching in questions, look-up, and the terms an answer's facts call for."""

from __future__ import annotations

import pytest
import yaml
from support.paths import DATA

from assistant.schemas import Fact, FactNumber
from retrieval.glossary.entries import Glossary
from retrieval.glossary.match import edit_distance, stem

QUESTIONS = DATA / "glossary_questions.yaml"


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return Glossary.load()


@pytest.fixture(scope="module")
def question_set() -> dict:
    return yaml.safe_load(QUESTIONS.read_text(encoding="utf-8"))


def test_question_set_is_large_and_names_only_real_terms(glossary, question_set):
    questions = question_set["questions"]
    assert len(questions) >= 60
    assert sum(1 for item in questions if not item["terms"]) >= 10
    unknown = {t for item in questions for t in item["terms"] if t not in glossary.terms}
    assert unknown == set()


def test_matching_precision_and_recall_on_the_question_set(glossary, question_set):
    true_pos = false_pos = false_neg = 0
    misses = []
    for item in question_set["questions"]:
        found, expected = set(glossary.match(item["q"])), set(item["terms"])
        true_pos += len(found & expected)
        false_pos += len(found - expected)
        false_neg += len(expected - found)
        if found != expected:
            misses.append(f"{item['q']!r}: missing {sorted(expected - found)}, extra {sorted(found - expected)}")
    precision = true_pos / (true_pos + false_pos)
    recall = true_pos / (true_pos + false_neg)
    print(f"\nglossary matching: precision {precision:.3f}, recall {recall:.3f}, "
          f"{len(question_set['questions'])} questions")
    print("\n".join(misses))
    assert precision >= 0.9
    assert recall >= 0.9


@pytest.mark.parametrize(("text", "term"), [
    ("procentpunten", "procentpunt"), ("percentagepunten", "procentpunt"), ("0,7 %-punt", "procentpunt"),
    ("gemiddelden", "gemiddelde"), ("kwartielen", "kwartiel"), ("eenoudergezinnen", "eenoudergezin"),
    ("eenouder-gezin", "eenoudergezin"), ("eenouder gezinnen", "eenoudergezin"),
    ("per 1000", "per 1.000 inwoners"), ("per 1.000", "per 1.000 inwoners"),
    ("per duizend", "per 1.000 inwoners"), ("71 ‰", "per 1.000 inwoners"), ("WOZ waarde", "WOZ-waarde"),
    ("woz-waarden", "WOZ-waarde"), ("medianen", "mediaan"), ("relatieve verschil", "relatief versus absoluut verschil"),
    ("Wmo-cliënten", "WMO"), ("enquete", "steekproef versus registratie"), ("inwoners per km²", "bevolkingsdichtheid"),
    ("jeugdzorgcijfers", "jeugdzorg in natura"), ("eenzaamheidscijfer", "eenzaamheid"),
])
def test_inflections_compounds_and_spelling_variants(glossary, text, term):
    assert glossary.match(f"Wat betekent {text} hier?") == [term]


@pytest.mark.parametrize(("text", "term"), [
    ("procnetpunt", "procentpunt"), ("signifcant", "significant"), ("kwatrielen", "kwartiel"),
    ("bevolkingsdichteid", "bevolkingsdichtheid"), ("betrouwbaarheidsintreval", "marge en betrouwbaarheidsinterval"),
    ("eenpersoonshuishoudes", "eenpersoonshuishouden"), ("sociaal minimun", "sociaal minimum"),
    ("gemidelde", "gemiddelde"), ("regresie naar het gemiddelde", "regressie naar het gemiddelde"),
])
def test_small_typos_still_match(glossary, text, term):
    assert glossary.match(f"Wat is {text}?") == [term]


@pytest.mark.parametrize("text", [
    "indx",  # five letters or fewer: exact only
    "mdiaan",  # the first letter is never a typo
    "kwartier", "herinnering", "verbaal",  # ordinary words one edit away
    "procentpuntverschillen",  # too far from any term
])
def test_no_fuzzy_match_where_a_typo_is_unlikely(glossary, text):
    assert glossary.match(f"Wat is {text}?") == []


def test_ordinary_near_miss_words_never_match(glossary, question_set):
    matched = {word: glossary.match(word) for word in question_set["ordinary_words"]}
    assert {word: terms for word, terms in matched.items() if terms} == {}


def test_ordinary_text_has_no_terms(glossary):
    text = ("In verband met de drukte komen we later. De jongeren spelen een kwartier voetbal in het park. "
            "Daarna gaan we samen eten in het buurthuis en praten we over school en werk. "
            "De kleintjes zitten op de schommels bij de speeltuin.")
    assert glossary.match(text) == []


def test_longer_phrases_win_and_terms_come_in_order(glossary):
    assert glossary.match("Hoeveel alleenstaande ouders en eenpersoonshuishoudens?") == [
        "eenoudergezin", "eenpersoonshuishouden"]
    assert glossary.match("Is regressie naar het gemiddelde hier de oorzaak?") == [
        "regressie naar het gemiddelde", "correlatie versus oorzaak"]


def test_get_ignores_case_accents_hyphens_and_plurals(glossary):
    assert glossary.get("PROCENTPUNTEN").term == "procentpunt"
    assert glossary.get("Enquête").term == glossary.get("enquete").term == "steekproef versus registratie"
    assert glossary.get("woz waarde").term == "WOZ-waarde"
    assert glossary.get("Per Duizend").term == "per 1.000 inwoners"
    assert glossary.get("procnetpunt") is None  # look-up is exact; only match() forgives typos
    assert glossary.get("kwartier") is None


def test_edit_distance_counts_swaps_and_neighbouring_keys_as_one():
    assert edit_distance("procnet", "procent", 2) == 1  # swapped letters
    assert edit_distance("bijstnad", "bijstand", 2) == 1
    assert edit_distance("sognificant", "significant", 2) == 1  # o is next to i on the keyboard
    assert edit_distance("kwartier", "kwartiel", 2) == 2  # r and l are far apart
    assert edit_distance("gemidelde", "gemiddelde", 2) == 1
    assert edit_distance("abcdefgh", "zzzzzzzz", 1) == 2  # stops at limit + 1


def test_stem_folds_plurals_and_adjective_endings():
    assert stem("huishoudens") == stem("huishouden")
    assert stem("eenoudergezinnen") == stem("eenoudergezin")
    assert stem("relatieve") == stem("relatief")
    assert stem("medianen") == stem("mediaan")
    assert stem("1000") == "1000"


@pytest.mark.parametrize(("facts", "expected"), [
    ([("comparison", "percent")], ["procentpunt"]),
    ([("trend", "percent")], ["procentpunt", "trend versus schommeling"]),
    ([("value", "per_1000")], ["per 1.000 inwoners"]),
    ([("comparison", "per_1000")], ["per 1.000 inwoners"]),
    ([("rank", "percent")], ["rangorde"]),
    ([("top", "per_1000")], ["rangorde", "per 1.000 inwoners"]),
    ([("spread", "count")], ["kwartiel", "spreiding"]),
    ([("trend", "count")], ["trend versus schommeling"]),
    ([("pattern", "count")], ["verhaal versus cijfer"]),
    ([("no_data", None)], ["geen gegevens versus nul"]),
    ([("value", "count"), ("value", "euro_x1000")], []),
    ([("value", "percent", "suppressed")], ["onderdrukte cijfers"]),
    ([("caveat", None, ["provisional", "small_population"])], ["voorlopige cijfers", "kleine aantallen en toeval"]),
    ([{"kind": "caveat", "boundary_change": True}], ["indelingswijziging"]),
    ([("comparison", "percent"), ("comparison", "percent"), ("rank", "percent")], ["procentpunt", "rangorde"]),
])
def test_for_facts_rules(glossary, facts, expected):
    assert glossary.for_facts(facts) == expected


def test_for_facts_reads_the_fact_model_directly(glossary):
    comparison = Fact(id="F1", kind="comparison", text="Moerwijk ligt 0,7 procentpunt hoger.", unit="percent",
                      indicator="jeugdzorg_pct",
                      numbers=[FactNumber(value=0.7, unit="pp", role="difference"),
                               FactNumber(value=6.5, unit="percent", role="relative")])
    wmo = Fact(id="F2", kind="value", text="71 per 1.000 inwoners.", unit="per_1000", indicator="wmo_clienten")
    assert glossary.for_facts([comparison, wmo]) == [
        "procentpunt", "relatief versus absoluut verschil", "per 1.000 inwoners", "jeugdzorg in natura", "WMO"]


def test_for_facts_reads_caveat_sentences_without_flags(glossary):
    small = Fact(id="F3", kind="caveat", text="Let op: Zuiderpark had in 2019 maar 155 inwoners. Bij zo weinig "
                 "inwoners kunnen een paar mensen een cijfer al sterk veranderen.")
    provisional = Fact(id="F4", kind="caveat", text="Let op: het cijfer over jeugdzorg van 2021 is voorlopig.")
    value = Fact(id="F5", kind="value", text="Het cijfer is voorlopig 11,2%.", unit="count")
    assert glossary.for_facts([small, provisional, value]) == ["kleine aantallen en toeval", "voorlopige cijfers"]


def test_for_facts_only_returns_terms_that_exist(glossary):
    facts = [(kind, unit, ["suppressed", "provisional", "small_population", "boundary_change"])
             for kind in ("value", "share", "comparison", "rank", "spread", "trend", "caveat", "no_data",
                          "pattern", "top")
             for unit in ("percent", "per_1000", "count", "euro_x1000", "index", "per_km2", "average")]
    terms = glossary.for_facts(facts)
    assert len(terms) == len(set(terms)) >= 15
    assert all(glossary.get(term) is not None for term in terms)
    assert [entry.term for entry in glossary.entries(terms)] == terms
