"""The multi-gemeente section (issue 33): Den Haag, Utrecht and Amsterdam loaded together.

Names stay in their gemeente, codes of every import are found, rankings without a gemeente answer per
gemeente or ask, cross-city comparisons name both cities, a follow-up keeps the conversation's gemeente.
"""

from __future__ import annotations

from eval.battery_gold import AMS, DH, UT, StoreGold
from eval.battery_make import Maker, threshold_text
from eval.battery_model import BQuestion, BTurn
from eval.battery_phrasing import VALUE_NL

SUBSET = ["inwoners", "leeftijd_65_plus", "huishoudens", "eenpersoonshuishoudens", "leeftijd_0_15"]
COMPASS = ("oost", "west", "noord", "zuid", "midden")


def multi_section(g: StoreGold) -> list[BQuestion]:
    m = Maker(g, "multi")
    return (_by_name(m) + _by_code(m) + _same_name(m) + _compass(m) + _cross_city(m) + _rankings(m)
            + _follow(m) + _thresholds(m))


def _value(m: Maker, text: str, code: str, ind: str, note: str = "") -> BQuestion:
    return m.question("multi", [m.value_turn(text, code, ind)], note=note)


def _by_name(m: Maker) -> list[BQuestion]:
    out = []
    for gm in (DH, UT, AMS):
        for i, code in enumerate(m.sample([c for c in m.g.unique_named("wijk") if m.gemeente_of(c) == gm], 5)):
            ind = m.pick_indicator(code, SUBSET)
            if ind is None:
                continue
            template = m.rng.choice(VALUE_NL[ind])
            place = m.g.spoken(code) + (f" in {m.city(gm)}" if i % 2 else "")
            out.append(_value(m, template.format(a=place), code, ind, "name, one city"))
    for gm in (DH, UT, AMS):
        out.append(_value(m, f"Hoeveel inwoners heeft {m.city(gm)}?", gm, "inwoners", "gemeente"))
    return out


def _by_code(m: Maker) -> list[BQuestion]:
    out = []
    for gm in (UT, AMS, DH):
        for code in m.sample(m.g.level(gm, "wijk"), 2):
            if m.has(code, "inwoners"):
                out.append(_value(m, f"Hoeveel inwoners heeft {code}?", code, "inwoners", "code"))
    return out


def _same_name(m: Maker) -> list[BQuestion]:
    """A name two loaded gemeenten share: ask back with both; with the city named, that city's area."""
    by_name: dict[str, list[str]] = {}
    for code in m.g.table.areas:
        if code[:2] in ("WK", "BU"):
            by_name.setdefault(m.g.spoken(code).casefold(), []).append(code)
    shared = sorted(codes for codes in by_name.values() if len({m.gemeente_of(c) for c in codes}) > 1)
    out = []
    for codes in shared[:3]:
        name = m.g.spoken(codes[0])
        gms = sorted({m.gemeente_of(c) for c in codes})
        turn = BTurn(f"Hoeveel inwoners heeft {name}?", "ask", codes, ["inwoners"], None, None,
                     mentions=[f"{m.city(gm)}|{m.g.area(gm).name}" for gm in gms], min_mentions=2)
        out.append(m.question("multi", [turn], note="name in two gemeenten"))
        code = next(c for c in codes if m.gemeente_of(c) == gms[-1])
        if m.has(code, "inwoners"):
            out.append(_value(m, f"Hoeveel inwoners heeft {name} in {m.city(gms[-1])}?", code, "inwoners",
                              "shared name, city named"))
    return out


def _compass(m: Maker) -> list[BQuestion]:
    """Names ending in a compass word (Osdorp-Oost, Indische Buurt Oost): never another city's 'Oost'."""
    out = []
    def compass_end(name: str) -> bool:
        parts = name.casefold().replace("-", " ").split()
        return len(parts) > 1 and parts[-1] in COMPASS

    ends = [c for c in m.g.unique_named("wijk") if compass_end(m.g.spoken(c))]
    for code in m.sample(ends, 6):
        ind = m.pick_indicator(code, SUBSET)
        if ind:
            out.append(_value(m, m.rng.choice(VALUE_NL[ind]).format(a=m.g.spoken(code)), code, ind, "compass name"))
    return out


def _cross_city(m: Maker) -> list[BQuestion]:
    pairs = ((UT, AMS, "leeftijd_65_plus", "Vergelijk het aantal 65-plussers in {a} en {b}."),
             (DH, UT, "inwoners", "Heeft {a} meer inwoners dan {b}?"),
             (AMS, DH, "eenpersoonshuishoudens", "Waar zijn meer eenpersoonshuishoudens, in {a} of in {b}?"),
             (UT, DH, "huishoudens", "Hoeveel huishoudens hebben {a} en {b}?"))
    out = []
    for a, b, ind, template in pairs:
        turn = BTurn(template.format(a=m.city(a), b=m.city(b)), "match", [a, b], [ind], None, None)
        out.append(m.question("multi", [turn], note="cross-city"))
    return out


def _rankings(m: Maker) -> list[BQuestion]:
    out = []
    for text, ind in (("Welke wijk heeft de meeste inwoners?", "inwoners"),
                      ("Welke wijk heeft de meeste 65-plussers?", "leeftijd_65_plus"),
                      ("Welke wijk heeft de minste huishoudens?", "huishoudens"),
                      ("Waar wonen de meeste kinderen tot 15 jaar?", "leeftijd_0_15")):
        out.append(m.question("multi", [BTurn(text, "per_gemeente", None, [ind], None, None)], note="no gemeente"))
    for gm, (text, ind, highest) in zip((UT, AMS, DH), (("Welke wijk in {c} heeft de meeste inwoners?", "inwoners",
                                                        True), ("Welke wijk in {c} heeft de meeste 65-plussers?",
                                                        "leeftijd_65_plus", True),
                                                       ("Welke wijk in {c} heeft de minste inwoners?", "inwoners",
                                                        False)), strict=True):
        top = m.ranked(gm, ind, highest)[0][0]
        turn = BTurn(text.format(c=m.city(gm)), "list", None, [ind], None, gm, mentions=[m.g.spoken(top)])
        out.append(m.question("multi", [turn], note="ranking in a named gemeente"))
    return out


def _follow(m: Maker) -> list[BQuestion]:
    """The conversation's gemeente counts as named: 'En <wijk>?' stays in that city."""
    out = []
    for gm in (UT, AMS):
        a, b = m.sample([c for c in m.g.unique_named("wijk") if m.gemeente_of(c) == gm], 2)
        turns = [m.value_turn(f"Hoeveel inwoners heeft {m.g.spoken(a)} in {m.city(gm)}?", a, "inwoners"),
                 m.value_turn(f"En {m.g.spoken(b)}?", b, "inwoners")]
        out.append(m.question("multi", turns, note="follow-up in one city"))
    return out


def _thresholds(m: Maker) -> list[BQuestion]:
    out = []
    for gm, ind, op, q, template in ((UT, "inwoners", ">", 0.7, "Welke wijken in {c} hebben meer dan {t} inwoners?"),
                                     (AMS, "leeftijd_65_plus", ">", 0.9,
                                      "Welke wijken in {c} hebben meer dan {t} 65-plussers?")):
        found = m.threshold(gm, ind, op, q)
        if found:
            t, hits = found
            turn = BTurn(template.format(c=m.city(gm), t=threshold_text(t)), "list", None, [ind], None, gm,
                         mentions=[m.g.spoken(c) for c in hits])
            out.append(m.question("multi", [turn], note=f"threshold {op} {t}"))
    return out
