"""The number checker: extraction of every written form, rounding, units, directions, citations."""

from __future__ import annotations

import pytest
from support.facts import moerwijk_facts, num, stories, trend_fact

from assistant.check.claims import extract_years
from assistant.check.numbers import check_text, extract_numbers, split_sentences
from assistant.schemas import Fact, StoryExcerpt

FACTS = [*moerwijk_facts(), trend_fact()]


def one(text: str, lang: str = "nl") -> tuple[str, float, str]:
    claims = extract_numbers(text, lang)
    assert len(claims) == 1, claims
    c = claims[0]
    assert text[c.start:c.end] == c.raw
    return c.raw, c.value, c.unit


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("Het is 10,8% in Den Haag.", "nl", ("10,8%", 10.8, "percent")),
    ("Het is 10.8% in Den Haag.", "nl", ("10.8%", 10.8, "percent")),
    ("Het is 10,8 procent.", "nl", ("10,8 procent", 10.8, "percent")),
    ("It is 10.8 percent.", "en", ("10.8 percent", 10.8, "percent")),
    ("Dat is 11 pct van de jongeren.", "nl", ("11 pct", 11.0, "percent")),
    ("Een verschil van 0,7 procentpunt.", "nl", ("0,7 procentpunt", 0.7, "pp")),
    ("Een verschil van 0,7 procentpunten.", "nl", ("0,7 procentpunten", 0.7, "pp")),
    ("Een verschil van 0,7 %-punt.", "nl", ("0,7 %-punt", 0.7, "pp")),
    ("A gap of 0.7 percentage points.", "en", ("0.7 percentage points", 0.7, "pp")),
    ("Er zijn 71 per 1.000 inwoners.", "nl", ("71 per 1.000", 71.0, "per_1000")),
    ("Er zijn 71 per 1000 inwoners.", "nl", ("71 per 1000", 71.0, "per_1000")),
    ("Er zijn 71 per duizend inwoners.", "nl", ("71 per duizend", 71.0, "per_1000")),
    ("There are 71 per 1,000 residents.", "en", ("71 per 1,000", 71.0, "per_1000")),
    ("Moerwijk heeft 25.280 inwoners.", "nl", ("25.280", 25280.0, "count")),
    ("Moerwijk has 25,280 residents.", "en", ("25,280", 25280.0, "count")),
    ("Moerwijk heeft 25,3 duizend inwoners.", "nl", ("25,3 duizend", 25300.0, "count")),
    ("De stad heeft 1,2 miljoen bezoekers.", "nl", ("1,2 miljoen", 1_200_000.0, "count")),
    ("De WOZ-waarde is € 241.000.", "nl", ("€ 241.000", 241000.0, "euro")),
    ("De WOZ-waarde is 241.000 euro.", "nl", ("241.000 euro", 241000.0, "euro")),
    ("Drie op de tien jongeren.", "nl", ("Drie op de tien", 30.0, "percent")),
    ("Een op de vijf jongeren.", "nl", ("Een op de vijf", 20.0, "percent")),
    ("One in five young people.", "en", ("One in five", 20.0, "percent")),
    ("Bijna de helft van de huishoudens.", "nl", ("de helft", 50.0, "percent")),
    ("Een kwart van de huishoudens.", "nl", ("Een kwart", 25.0, "percent")),
    ("Het is twee keer zo hoog.", "nl", ("twee keer zo", 2.0, "ratio")),
    ("It is twice as high.", "en", ("twice as", 2.0, "ratio")),
    ("Het zijn elf jongeren.", "nl", ("elf", 11.0, "count")),
    ("Het zijn twaalf jongeren.", "nl", ("twaalf", 12.0, "count")),
    ("Het gaat om tien procent.", "nl", ("tien procent", 10.0, "percent")),
    ("Moerwijk staat 14e.", "nl", ("14e", 14.0, "rank")),
    ("Moerwijk staat 14de.", "nl", ("14de", 14.0, "rank")),
    ("Moerwijk ranks 14th.", "en", ("14th", 14.0, "rank")),
    ("Een daling van -7 per 1.000.", "nl", ("-7 per 1.000", -7.0, "per_1000")),
])
def test_extracts_every_written_form(text: str, lang: str, expected: tuple[str, float, str]) -> None:
    assert one(text, lang) == expected


def test_claims_keep_the_resolution_the_writer_used() -> None:
    steps = {c.raw: c.step for c in extract_numbers("11%, 10,8%, 25,3 duizend en 25.280", "nl")}
    assert steps == {"11%": 1.0, "10,8%": pytest.approx(0.1), "25,3 duizend": 100.0, "25.280": 1.0}


def test_ambiguous_thousands_keep_both_readings() -> None:
    (dutch,) = extract_numbers("25.280", "nl")
    (english,) = extract_numbers("25.280", "en")
    assert dutch.readings()[0] == (25280.0, 1.0) and english.readings()[0] == (25.28, 0.001)
    assert {v for v, _ in dutch.readings()} == {v for v, _ in english.readings()}


def test_citations_age_bands_list_markers_and_years_are_not_claims() -> None:
    text = "1. Jongeren van 15 tot 25 jaar [F2][S3] in 2021, sinds 2019 en 2019–2021 (2020); 65-plussers."
    assert extract_numbers(text, "nl") == []
    assert [c.raw for c in extract_years(text)] == ["2021", "2019", "2019", "2021", "2020"]
    # A bare number is a year only when it is one of the facts' years.
    assert extract_numbers("2021 was anders", "nl", known_years={2021}) == []
    assert [c.value for c in extract_numbers("2021 was anders", "nl")] == [2021.0]


@pytest.mark.parametrize(("text", "ok"), [
    ("Moerwijk: 11,5% [F1].", True),
    ("Moerwijk: 11.5 procent [F1].", True),
    ("Moerwijk: 12% [F1].", True),        # 11.5 rounded half away from zero
    ("Moerwijk: 11% [F1].", False),       # banker's rounding would give 11: not allowed
    ("Den Haag: 11% [F2].", True),        # 10.8 correctly rounded
    ("Den Haag: 10% [F2].", False),       # 10.8 truncated
    ("Den Haag: 10,80% [F2].", True),     # more decimals that add nothing
    ("Den Haag: 10,83% [F2].", False),    # more precision than the fact has
    ("Er wonen 25.280 mensen [F5].", True),
    ("Er wonen 25,3 duizend mensen [F5].", True),
    ("Er wonen 25 duizend mensen [F5].", True),
    ("Er wonen 25.000 mensen [F5].", False),  # exact integers stay exact
    ("De WOZ-waarde is € 241.000 [F6].", True),
    ("Moerwijk staat 14e van de 39 wijken [F3].", True),
    ("Moerwijk staat 13e van de 39 wijken [F3].", False),
    ("Ruim een op de tien jongeren krijgt jeugdzorg [F1].", True),  # 10 vs 11.5: within 2.5
    ("Twee op de tien jongeren krijgt jeugdzorg [F1].", False),     # 20 vs 11.5
    ("Vier op de tien verhalen gaat over eenzaamheid [F7].", True),  # 12 of 30
    ("12 van de 30 verhalen gaat over eenzaamheid [F7].", True),
    ("Het verschil is 6,5% [F2].", True),  # a relative difference may be a percent
    ("Het verschil is -7 per 1.000 [F4].", True),
    ("Het verschil is +7 per 1.000 [F4].", False),  # a written sign must agree
    ("Moerwijk ligt met 11,5% tegen 10,8% ongeveer even hoog als Den Haag [F2].", True),
])
def test_rounding_and_units(text: str, ok: bool) -> None:
    result = check_text(text, FACTS, stories())
    assert result.ok is ok, result


def test_halves_round_away_from_zero_not_to_even() -> None:
    facts = [Fact(id="F1", kind="value", text="12,5% en -0,25 procentpunt.",
                  numbers=[num(12.5, "percent", 1), num(-0.25, "percent", 2, "difference")])]
    assert check_text("Het is 13% [F1].", facts).ok
    assert not check_text("Het is 12% [F1].", facts).ok  # banker's rounding would give 12
    assert check_text("Een daling van 0,3 procentpunt [F1].", facts).ok
    assert not check_text("Een daling van 0,2 procentpunt [F1].", facts).ok


def test_percent_used_for_a_procentpunt_difference_is_a_unit_error() -> None:
    result = check_text("Moerwijk ligt 0,7% hoger dan Den Haag [F2].", FACTS)
    assert not result.ok and result.unit_errors and "procentpunt" in result.unit_errors[0]
    assert check_text("Moerwijk ligt 0,7 procentpunt hoger dan Den Haag [F2].", FACTS).ok
    result = check_text("Moerwijk heeft 7% minder WMO-cliënten [F4].", FACTS)
    assert result.unit_errors == ["7%: bij [F4] is dit getal een verschil in per 1.000"]
    # "24,5% procentpunt" (written by the embedded LLM on real data) is a procentpunt claim: a value is refused
    assert not check_text("Moerwijk ligt 11,5% procentpunt hoger dan Den Haag [F2].", FACTS).ok


def test_a_trend_change_in_percent_is_procentpunt() -> None:
    assert check_text("Jeugdzorg steeg met 0,6 procentpunt, 0,3 procentpunt per jaar [F8].", FACTS).ok
    assert check_text(trend_fact().text + " [F8]", FACTS).ok
    assert check_text(trend_fact().text, FACTS).ok
    assert check_text("Jeugdzorg steeg met 0,6% [F8].", FACTS).unit_errors


def test_story_excerpts_count_as_stories() -> None:
    excerpt = StoryExcerpt(id="S1", story_id="st-0042", text="Sinds 2020 wachten jongeren langer.",
                           area_name="Moerwijk", date="2023-05")
    assert check_text("Een jongerenwerker merkt dat sinds 2020 [S1].", FACTS, [excerpt]).ok
    assert check_text("Zie [S2].", FACTS, [excerpt]).unknown_citations == ["S2"]


def test_procentpunt_only_matches_differences() -> None:
    result = check_text("Moerwijk zit op 11,5 procentpunt [F1].", FACTS)
    assert result.unit_errors and not result.unsupported_numbers


def test_numbers_bind_to_their_own_citation_so_swaps_fail() -> None:
    swapped = check_text("Jeugdzorg 71 per 1.000 [F1], WMO 11,5% [F4].", FACTS)
    assert not swapped.ok and len(swapped.unsupported_numbers) == 2
    assert check_text("Jeugdzorg 11,5% [F1], WMO 71 per 1.000 [F4].", FACTS).ok


def test_small_written_out_words_are_prose_but_larger_ones_are_checked() -> None:
    assert check_text("Procentpunt is het verschil tussen twee percentages, in één jaar.", FACTS).ok
    assert check_text("Twaalf van de dertig verhalen gaan over eenzaamheid [F7].", FACTS).ok
    assert not check_text("Tien van de dertig verhalen gaan over eenzaamheid [F7].", FACTS).ok
    assert not check_text("Het gaat om twee procent [F1].", FACTS).ok


def test_a_number_from_a_story_is_not_evidence() -> None:
    result = check_text("Het cijfer is eigenlijk 3,3% [S2].", FACTS, stories())
    assert result.unsupported_numbers == ["3,3%: dit getal staat niet in de feiten"]


def test_unknown_citations_are_reported() -> None:
    result = check_text("Moerwijk: 11,5% [F1][F9]. Een bewoner zegt dit [S7].", FACTS, stories())
    assert result.unknown_citations == ["F9", "S7"] and not result.unsupported_numbers


def test_wrong_year_is_caught_and_fact_or_story_years_pass() -> None:
    assert check_text("Van 2019 tot 2021 steeg het met 0,6 procentpunt [F8].", FACTS).ok
    assert check_text("Een bewoner vertelde het in 2023 [S1].", FACTS, stories()).ok
    assert not check_text("In 2015 was het anders [F8].", FACTS).ok
    assert check_text("In mei 2023 vertelde een jongerenwerker dit [S1].", FACTS, stories()).ok
    assert check_text("Een bewoner (2023-09) zegt dit [S2].", FACTS, stories()).ok
    assert not check_text("In mei 2018 vertelde een jongerenwerker dit [S1].", FACTS, stories()).ok


@pytest.mark.parametrize(("text", "ok"), [
    ("Moerwijk ligt 0,7 procentpunt hoger dan Den Haag [F2].", True),
    ("Moerwijk ligt 0,7 procentpunt lager dan Den Haag [F2].", False),
    ("Moerwijk zit boven het stedelijk gemiddelde [F2].", True),
    ("Moerwijk zit onder het gemiddelde [F2].", False),
    ("Moerwijk heeft minder WMO-cliënten dan Den Haag [F4].", True),
    ("Moerwijk heeft meer WMO-cliënten dan Den Haag [F4].", False),
    ("Moerwijk ligt niet lager dan Den Haag [F2].", True),
    ("Jeugdzorg is gestegen [F8].", True),
    ("Jeugdzorg is gedaald [F8].", False),
    ("Youth care in Moerwijk is lower than in The Hague [F2].", False),
    ("Moerwijk: 0,7 procentpunt lager dan Den Haag.", False),  # no citation: the matched fact decides
    ("Moerwijk ligt 0,7 procentpunt lager. [F2]", False),  # a citation after the full stop still counts
    ("Jeugdzorg in Moerwijk: minder dan 12% [F8].", True),  # 'minder dan <number>' bounds, not compares
])
def test_direction_words_must_agree_with_the_fact(text: str, ok: bool) -> None:
    result = check_text(text, FACTS, lang="en" if "Youth" in text else "nl")
    assert result.ok is ok, result
    if not ok:
        assert result.wrong_directions


@pytest.mark.parametrize(("text", "ok"), [
    ("Ruim een op de tien jongeren krijgt jeugdzorg [F1].", True),   # 11.5 > 10
    ("Bijna een op de tien jongeren krijgt jeugdzorg [F1].", False),  # 11.5 is not below 10
    ("Bijna 12% van de jongeren krijgt jeugdzorg [F1].", True),
    ("Ruim 12% van de jongeren krijgt jeugdzorg [F1].", False),
    ("Ruim vier op de tien verhalen gaat over eenzaamheid [F7].", False),  # 12 of 30 is exactly 40%
    ("Moerwijk heeft over 25.280 inwoners [F5].", True),  # Dutch "over" is no bound (the embedded LLM wrote it)
    ("Moerwijk has over 25,280 inhabitants [F5].", False),  # English "over" is
])
def test_bound_words_only_tighten_a_match(text: str, ok: bool) -> None:
    result = check_text(text, FACTS, lang="en" if "has" in text else "nl")
    assert result.ok is ok, result
    assert ok or "klopt niet" in result.unsupported_numbers[0]


def test_ratio_is_checked_at_one_decimal() -> None:
    facts = [Fact(id="F1", kind="comparison", direction="up", text="Moerwijk 20%, Den Haag 10%.",
                  numbers=[num(20, "percent"), num(10, "percent", role="reference")])]
    near = [Fact(id="F1", kind="comparison", direction="up", text="Moerwijk 16%, Den Haag 10%.",
                 numbers=[num(16, "percent"), num(10, "percent", role="reference")])]
    assert check_text("Moerwijk is twee keer zo hoog [F1].", facts).ok
    assert not check_text("Moerwijk is twee keer zo hoog [F1].", near).ok


def test_english_text_is_checked_the_same_way() -> None:
    assert check_text("Moerwijk has 25,280 residents [F5] and 11.5% youth care [F1].", FACTS, lang="en").ok
    assert not check_text("Moerwijk has 26,280 residents [F5].", FACTS, lang="en").ok


@pytest.mark.parametrize("buffer", [
    "Den Haag heeft 10,8% jongeren met jeugdzorg en 1.000 o.a. bijv. ca. nr. 3 cliënten [F1]. Dan",
    "Moerwijk ligt hoger. [F2] Dan",
])
def test_split_does_not_break_numbers_abbreviations_or_citations(buffer: str) -> None:
    sentences, rest = split_sentences(buffer)
    assert len(sentences) == 1 and sentences[0].endswith(("[F1].", "[F2]")) and rest == " Dan"


def test_split_waits_until_a_boundary_is_certain() -> None:
    assert split_sentences("Het is 10.") == ([], "Het is 10.")
    assert split_sentences("Het is 10. ") == ([], "Het is 10. ")
    assert split_sentences("Het is hoger. [F") == ([], "Het is hoger. [F")
    assert split_sentences("Echt? Ja! Nee") == (["Echt?", " Ja!"], " Nee")


def test_split_on_blank_lines_and_bullets_without_losing_text() -> None:
    text = "Kort:\n- Moerwijk 11,5% [F1]\n- Den Haag 10,8% [F2]\nDaarom\n\nVolgende alinea"
    sentences, rest = split_sentences(text)
    assert sentences == ["Kort:", "\n- Moerwijk 11,5% [F1]", "\n- Den Haag 10,8% [F2]", "\nDaarom"]
    assert "".join(sentences) + rest == text


def test_a_relative_difference_needs_its_direction() -> None:
    """The embedded LLM wrote "Het cijfer 73,2% is een percentage" for a "73,2% hoger" on real data."""
    result = check_text("Het cijfer 6,5% is een percentage [F2].", FACTS)
    assert not result.ok and "hoger of lager" in result.unit_errors[0]
    assert check_text("Moerwijk ligt 6,5% hoger dan Den Haag [F2].", FACTS).ok


def test_a_bound_word_problem_names_the_fact_value_in_plain_digits() -> None:
    """'minder dan 20' where the fact says 20: the fix text says '20', never Decimal's '2E+1'."""
    facts = [Fact(id="F1", kind="value", text="Lindenhove telt 20 verhalen.", numbers=[num(20, "count")])]
    result = check_text("Lindenhove telt minder dan 20 verhalen [F1].", facts)
    assert not result.ok
    assert result.unsupported_numbers[0].endswith("[F1] zegt 20"), result.unsupported_numbers
