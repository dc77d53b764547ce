"""Battery questions for one loaded gemeente: templates x real area names x indicators x phrasings (seeded)."""

from __future__ import annotations

from eval.battery_make import Maker, partial_tokens, threshold_text
from eval.battery_model import BQuestion, BTurn
from eval.battery_phrasing import (
    COLLOQUIAL,
    COMPARATIVE_EN,
    COMPARATIVE_NL,
    FABRICATED,
    FOLLOW_EN,
    FOLLOW_NL,
    NEED_EN,
    NEED_NL,
    OTHER_GEMEENTE,
    PROFILE_EN,
    PROFILE_NL,
    SERVICES,
    THRESHOLD_EN,
    THRESHOLD_NL,
    TOP_EN,
    TOP_NL,
    UNIT_EN,
    UNIT_NL,
    UNKNOWN_NL,
    VALUE_EN,
    VALUE_NL,
    bad_inputs,
    misspell,
    nearest_is,
)

# How many of each category per section (Den Haag has 44 wijken, Amsterdam 99).
SIZES = {"den_haag": {"exact": 20, "typo": 20, "partial": 15, "prefix": 15, "article_case": 10, "unit": 18,
                      "unit_en": 6, "english": 18, "follow_up": 10, "profile": 12, "comparative": 14, "unknown": 12},
         "amsterdam": {"exact": 12, "typo": 12, "partial": 10, "prefix": 8, "article_case": 6, "unit": 9,
                       "unit_en": 3, "english": 10, "follow_up": 6, "profile": 6, "comparative": 8, "unknown": 6}}


def value_q(m: Maker, category: str, code: str, spoken: str, lang: str = "nl") -> BQuestion | None:
    table = VALUE_EN if lang == "en" else VALUE_NL
    ind = m.pick_indicator(code, list(table))
    if ind is None:
        return None
    text = m.rng.choice(table[ind]).format(a=spoken)
    return m.question(category, [m.value_turn(text, code, ind, lang)], lang)


def names_questions(m: Maker, n: dict[str, int]) -> list[BQuestion]:
    g = m.g
    wijken, buurten = g.unique_named("wijk"), g.unique_named("buurt")
    areas = m.sample(wijken, n["exact"] * 3 // 4) + m.sample(buurten, n["exact"] // 4)
    out = [value_q(m, "exact", c, g.spoken(c)) for c in areas]
    spoken_all = sorted({g.spoken(c) for c in g.table.areas})
    typos = 0
    for code in m.sample(wijken + buurten, len(wijken + buurten)):
        wrong = misspell(g.spoken(code), m.rng)
        if typos < n["typo"] and wrong and wrong.casefold() not in g.national_names and nearest_is(
                wrong, g.spoken(code), spoken_all):
            out.append(value_q(m, "typo", code, wrong))
            typos += 1
    for token, code, inside in m.sample_pairs(partial_tokens(g, wijken), n["partial"]):
        q = value_q(m, "partial", code, token)
        if q is not None:  # a buurt of that wijk that carries the token is a right reading too
            q.turns[0].alt_areas = inside
            out.append(q)
    for code in m.sample(wijken, n["prefix"]):
        title = g.area(code).name
        out.append(value_q(m, "prefix", code, title if title != g.spoken(code) else code))
    for i, code in enumerate(m.sample(wijken, n["article_case"])):
        name = g.spoken(code)
        article = "de " if name.endswith(("wijk", "buurt", "kwartier", "polder")) else ""
        out.append(value_q(m, "article_case", code, (name.upper(), name.lower(), f"{article}{name.lower()}")[i % 3]))
    return [q for q in out if q is not None]


def colloquial_questions(m: Maker) -> list[BQuestion]:
    out: list[BQuestion] = []
    for said, meant in COLLOQUIAL.get(m.section, ()):
        codes = [m.find(name) for name in meant]
        for template, ind in (("Hoeveel inwoners heeft {a}?", "inwoners"),
                              ("Hoeveel huishoudens met een laag inkomen zijn er in {a}?", "laag_inkomen_pct")):
            text = template.format(a=said)
            if len(codes) == 1:
                out.append(m.question("colloquial", [m.value_turn(text, codes[0], ind)]))
            else:  # a group name: ask back with its parts, or answer with (some of) them
                names = [m.g.spoken(c) for c in codes]
                turn = BTurn(text, "ask", codes, [ind], None, m.gemeente_of(codes[0]), mentions=names)
                out.append(m.question("colloquial", [turn], note="group name"))
    return out


def unit_questions(m: Maker, n: dict[str, int]) -> list[BQuestion]:
    out: list[BQuestion] = []
    wijken = m.g.unique_named("wijk")
    for lang, table, size in (("nl", UNIT_NL, n["unit"]), ("en", UNIT_EN, n["unit_en"])):
        for i, code in enumerate(m.sample(wijken, size)):
            template, ind = table[i % len(table)]
            if m.has(code, ind):
                text = template.format(a=m.g.spoken(code))
                out.append(m.question("unit", [m.value_turn(text, code, ind, lang)], lang))
    return out


def english_questions(m: Maker, n: dict[str, int], gm: str) -> list[BQuestion]:
    out = [value_q(m, "english", c, m.g.spoken(c), "en") for c in m.sample(m.g.unique_named("wijk"), n["english"])]
    for name in {m.city(gm, "en"), m.city(gm, "en").replace("The ", "")}:
        out.append(value_q(m, "english", gm, name, "en"))
    return [q for q in out if q is not None]


def follow_ups(m: Maker, n: dict[str, int]) -> list[BQuestion]:
    out: list[BQuestion] = []
    wijken = m.g.unique_named("wijk")
    for k in range(n["follow_up"]):
        a, b = m.sample(wijken, 2)
        lang = "en" if k % 4 == 3 else "nl"
        table = VALUE_EN if lang == "en" else VALUE_NL
        ind = m.pick_indicator(a, [i for i in table if m.has(b, i)])
        if ind is None:
            continue
        first = m.value_turn(m.rng.choice(table[ind]).format(a=m.g.spoken(a)), a, ind, lang)
        follow = m.rng.choice(FOLLOW_EN if lang == "en" else FOLLOW_NL).format(b=m.g.spoken(b))
        turns = [first, m.value_turn(follow, b, ind, lang)]
        if lang == "nl" and k % 2 == 0:
            nxt = m.pick_indicator(b, [i for i in ("huishoudens", "leeftijd_65_plus", "jeugdzorg_pct") if i != ind])
            words = {"huishoudens": "En hoeveel huishoudens zijn er?", "leeftijd_65_plus": "En hoeveel 65-plussers?",
                     "jeugdzorg_pct": "En hoe zit het met de jeugdzorg daar?"}
            if nxt:
                turns.append(m.value_turn(words[nxt], b, nxt))
        out.append(m.question("follow_up", turns, lang))
    return out


def profile_questions(m: Maker, n: dict[str, int]) -> list[BQuestion]:
    out: list[BQuestion] = []
    for i, code in enumerate(m.sample(m.g.unique_named("wijk"), n["profile"])):
        lang = "en" if i % 4 == 3 else "nl"
        text = m.rng.choice(PROFILE_EN if lang == "en" else PROFILE_NL).format(a=m.g.spoken(code))
        turn = BTurn(text, "profile", [code], None, None, m.gemeente_of(code), min_facts=3)
        out.append(m.question("profile", [turn], lang))
    return out


def need_questions(m: Maker, gm: str) -> list[BQuestion]:
    out: list[BQuestion] = []
    names = [m.g.spoken(c) for c in m.g.level(gm, "wijk")]
    for service, inds in SERVICES.items():
        templates = [("nl", t.format(s=service, c=m.city(gm))) for t in m.rng.sample(NEED_NL, 2)]
        if service in NEED_EN:
            templates.append(("en", NEED_EN[service].format(c=m.city(gm, "en"))))
        for lang, text in templates:
            turn = BTurn(text, "need", None, ["|".join(inds)], None, gm, mentions=names, min_mentions=3)
            out.append(m.question("need", [turn], lang))
    return out


def comparative_questions(m: Maker, n: dict[str, int]) -> list[BQuestion]:
    out: list[BQuestion] = []
    wijken = m.g.unique_named("wijk")
    for k in range(n["comparative"]):
        lang = "en" if k % 4 == 3 else "nl"
        template, inds = m.rng.choice(COMPARATIVE_EN if lang == "en" else COMPARATIVE_NL)
        pair = [c for c in m.sample(wijken, 6) if m.has(c, inds)][:2]
        if len(pair) < 2:
            continue
        a, b = pair
        text = template.format(a=m.g.spoken(a), b=m.g.spoken(b))
        turn = BTurn(text, "match", [a, b], [inds], None, m.gemeente_of(a))
        out.append(m.question("comparative", [turn], lang))
    return out


def list_questions(m: Maker, gm: str) -> list[BQuestion]:
    out: list[BQuestion] = []
    for lang, table in (("nl", THRESHOLD_NL), ("en", THRESHOLD_EN)):
        for template, ind, op, q in table:
            found = m.threshold(gm, ind, op, q)
            if found is not None:
                t, hits = found
                text = template.format(c=m.city(gm, lang), t=threshold_text(t, lang))
                turn = BTurn(text, "list", None, [ind], None, gm, mentions=[m.g.spoken(c) for c in hits])
                out.append(m.question("threshold", [turn], lang, note=f"{op} {t}: {len(hits)} wijken"))
    for lang, table2 in (("nl", TOP_NL), ("en", TOP_EN)):
        for template, ind, highest in table2:
            ranked = m.ranked(gm, ind, highest)
            if ranked:
                turn = BTurn(template.format(c=m.city(gm, lang)), "list", None, [ind], None, gm,
                             mentions=[m.g.spoken(ranked[0][0])])
                out.append(m.question("top", [turn], lang))
    return out


def unknown_questions(m: Maker, n: dict[str, int], gm: str) -> list[BQuestion]:
    loaded = {m.g.spoken(c).casefold() for c in m.g.table.areas}
    made_up = [x for x in FABRICATED if x.casefold() not in m.g.national_names]
    elsewhere = [x for x in OTHER_GEMEENTE if x.casefold() in m.g.national_names and x.casefold() not in loaded]
    names = (made_up[: n["unknown"] * 2 // 3] + elsewhere)[: n["unknown"]]
    out = []
    for i, name in enumerate(names):
        text = UNKNOWN_NL[i % len(UNKNOWN_NL)].format(a=name, c=m.city(gm))
        turn = BTurn(text, "unknown", [], None, None, gm, mentions=[name])
        out.append(m.question("unknown", [turn], note="made up" if name in made_up else "other gemeente"))
    return out


def bad_input_questions(m: Maker) -> list[BQuestion]:
    area = m.g.spoken(m.sample(m.g.unique_named("wijk"), 1)[0])
    return [m.question("bad_input", [BTurn(text, "nonempty", None, None, None)]) for text in bad_inputs(area)]


def city_section(m: Maker, gm: str) -> list[BQuestion]:
    n = SIZES[m.section]
    out = names_questions(m, n) + colloquial_questions(m) + unit_questions(m, n) + english_questions(m, n, gm)
    out += follow_ups(m, n) + profile_questions(m, n) + need_questions(m, gm) + comparative_questions(m, n)
    out += list_questions(m, gm) + unknown_questions(m, n, gm)
    return out + (bad_input_questions(m) if m.section == "den_haag" else [])
