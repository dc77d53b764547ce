"""PII scrubbing: recall and precision over hand-written snippets, and statistics left intact."""

from __future__ import annotations

import pytest
import yaml
from support.paths import DATA

from retrieval.stories.pii import PII_TYPES, scrub
from retrieval.stories.pii_patterns import elfproef, iban_valid

SNIPPETS = yaml.safe_load((DATA / "pii_snippets.yaml").read_text(encoding="utf-8"))


def _planted(snippet: dict) -> list[tuple[str, int, int]]:
    """(type, start, end) of every planted PII string in the snippet's text."""
    out = []
    for kind, values in (snippet.get("pii") or {}).items():
        for value in values:
            start = snippet["text"].find(value)
            assert start >= 0, f"{value!r} is not in {snippet['text']!r}"
            out.append((kind, start, start + len(value)))
    return out


def _measure() -> dict[str, object]:
    planted = found = right_type = spans = true_spans = 0
    misses, false_hits = [], []
    for snippet in SNIPPETS:
        text, result = snippet["text"], scrub(snippet["text"])
        covered = {i for s in result.spans for i in range(s.start, s.end)}
        expected = _planted(snippet)
        for kind, a, b in expected:
            planted += 1
            # Redacted means every letter and digit of the planted string is inside a redaction.
            if all(i in covered for i in range(a, b) if text[i].isalnum()):
                found += 1
                right_type += any(s.kind == kind and s.start < b and s.end > a for s in result.spans)
            else:
                misses.append(text[a:b])
        for span in result.spans:
            spans += 1
            if any(span.start < b and span.end > a for _, a, b in expected):
                true_spans += 1
            else:
                false_hits.append(text[span.start:span.end])
    return {"recall": found / planted, "precision": true_spans / spans, "type_accuracy": right_type / found,
            "planted": planted, "misses": misses, "false_hits": false_hits}


def test_snippet_set_is_large_and_varied() -> None:
    with_pii = [s for s in SNIPPETS if s.get("pii")]
    negatives = [s for s in SNIPPETS if not s.get("pii")]
    kinds = {k for s in with_pii for k in s["pii"]}
    assert len(SNIPPETS) >= 160 and len(negatives) >= 40
    assert kinds == set(PII_TYPES)


def test_recall_and_precision(record_property: pytest.RecordProperty, capsys: pytest.CaptureFixture[str]) -> None:
    m = _measure()
    for key in ("recall", "precision", "type_accuracy", "planted"):
        record_property(key, m[key])
    with capsys.disabled():
        print(f"\nPII recall {m['recall']:.3f}, precision {m['precision']:.3f}, "
              f"type accuracy {m['type_accuracy']:.3f} over {m['planted']} planted strings")
    assert m["recall"] >= 0.95, f"missed: {m['misses']}"
    assert m["precision"] >= 0.9, f"redacted but not PII: {m['false_hits']}"
    assert m["type_accuracy"] >= 0.95


@pytest.mark.parametrize("snippet", [s for s in SNIPPETS if s.get("keep")], ids=lambda s: s["text"][:40])
def test_numbers_and_ordinary_words_survive(snippet: dict) -> None:
    text = scrub(snippet["text"]).text
    for kept in snippet["keep"]:
        assert kept in text


@pytest.mark.parametrize("text", [
    "In 2019 was het 10,8% en in de stad 71 per 1.000; mevrouw Jansen (06-12345678) schrok ervan.",
    "Jan de Vries zei: 2,4 procentpunt meer, van 12,1 naar 14,5 procent, sinds 2019.",
    "€ 1.250 per maand, 10.8 procent, 71 per 1.000, 2019 en 2020, 15-25 jaar, 4.315 inwoners.",
])
def test_checker_numbers_are_never_touched(text: str) -> None:
    """The answer checker matches story numbers against facts, so every statistic must stay verbatim."""
    scrubbed = scrub(text).text
    for number in ("10,8%", "71 per 1.000", "2019", "2,4 procentpunt", "12,1", "14,5 procent", "€ 1.250",
                   "10.8 procent", "2020", "15-25", "4.315"):
        if number in text:
            assert number in scrubbed


def test_placeholders_are_typed_and_counted() -> None:
    result = scrub("Mevrouw Jansen, mijn buurman Ahmed en Jan de Vries; bel 06-12345678 of mail a.b@c.nl. "
                   "BSN 725763863, IBAN NL91 ABNA 0417 1643 00, Hoefkade 12a, 2525 AB, geboren op 12-03-1985.")
    assert result.text == ("Mevrouw [naam], mijn buurman [naam] en [naam]; bel [telefoon] of mail [email]. "
                           "BSN [bsn], IBAN [iban], [adres], [postcode], geboren op [geboortedatum].")
    assert result.redactions == {"naam": 3, "telefoon": 1, "email": 1, "bsn": 1, "iban": 1, "adres": 1,
                                 "postcode": 1, "geboortedatum": 1}


def test_scrub_is_stable_on_its_own_output() -> None:
    once = scrub("Mevrouw Jansen woont op Hoefkade 12 en belt 06 1234 5678.").text
    assert scrub(once).text == once and scrub(once).redactions == {}


def test_birth_date_is_redacted_but_a_meeting_date_stays() -> None:
    result = scrub("Op 12-03-2024 sprak ik haar; ze is geboren op 12-03-1968.")
    assert result.text == "Op 12-03-2024 sprak ik haar; ze is geboren op [geboortedatum]."


@pytest.mark.parametrize(("digits", "valid"), [
    ("725763863", True), ("162275869", True), ("111222333", True),
    ("123456789", False), ("447712782", False), ("000000000", False), ("12345678", False),
])
def test_elfproef(digits: str, valid: bool) -> None:
    assert elfproef(digits) is valid


def test_only_bsn_numbers_passing_the_elfproef_are_redacted() -> None:
    assert scrub("nummer 111222333").text == "nummer [bsn]"
    assert scrub("nummer 123456789").text == "nummer 123456789"
    assert scrub("€ 162.275.869 subsidie").text == "€ 162.275.869 subsidie"


@pytest.mark.parametrize(("iban", "valid"), [
    ("NL91 ABNA 0417 1643 00", True), ("NL91ABNA0417164300", True), ("nl91abna0417164300", True),
    ("NL91ABNA0417164301", False), ("NL12 ABNA 0000 0000 00", False), ("NL91ABNA04", False),
])
def test_iban_mod97(iban: str, valid: bool) -> None:
    assert iban_valid(iban) is valid
