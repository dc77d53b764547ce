"""Follow-up questions: carry the indicator, area or kind over from the previous turn."""

from __future__ import annotations

from dataclasses import replace

from assistant.understand.model import Understanding
from assistant.understand.patterns import AGAINST_RE, DEFINE_RE, FOLLOW_RE, LOW_RE, PRONOUN_RE, TOP_RE


def follow_up(prev: Understanding | None, u: Understanding) -> Understanding:
    """Carry context over: 'en in Ypenburg?' keeps the indicator; 'en in 2021?' keeps the area."""
    if prev is None:
        return u
    low = u.question.lower()
    pointing = bool(PRONOUN_RE.search(low))
    short = FOLLOW_RE.search(low) or len(u.question.split()) <= 5 or pointing
    # "Is dat veel vergeleken met de stad?" points back at the figure; "Wat betekent dat?" asks about a word.
    about_word = u.kind == "term" and bool(DEFINE_RE.search(low) or not pointing or not prev.indicators)
    fresh_topic = u.indicators or u.missing_indicators or about_word
    if not fresh_topic and (short or u.areas or u.years):
        u = replace(u, indicators=prev.indicators, share=u.share or prev.share,
                    kind="value" if u.kind == "term" else u.kind)
        if u.kind == "value" and prev.kind in ("profile", "need", "filter", "related"):
            # "En in Ypenburg?" after a profile, "En in Amsterdam?" after a need ranking or a list
            u = replace(u, kind=prev.kind, need=prev.need, rule=prev.rule, related=prev.related, level=prev.level)
        # "En in Amsterdam?" after a top: the same list in another gemeente
        new_scope = prev.kind == "top" and bool(u.areas) and all(a.level == "gemeente" for a in u.areas)
        if u.kind == "value" and prev.kind in ("top", "trend") and (not u.areas or new_scope):
            u.kind, u.top = prev.kind, prev.top
            if u.top is not None and TOP_RE.search(low):  # "En de laagste?" turns the list around
                u.top = (u.top[0], u.top[1], not LOW_RE.search(low))
    against = bool(AGAINST_RE.search(low)) and not fresh_topic
    if (pointing or against) and prev.areas and u.areas and all(a.level in ("gemeente", "land") for a in u.areas):
        # "Is dat meer dan in Den Haag?", "En vergeleken met Nederland?": the area (and year) stay; the
        # gemeente or Nederland is a reference, always compared.
        u = replace(u, areas=prev.areas, years=u.years or prev.years,
                    compare_national=u.compare_national or u.areas[0].level == "land")
    if pointing and not u.areas and not u.clarify and prev.named_area is not None:
        u = replace(u, areas=[prev.named_area])  # "Welke wijk …?" then "Wat vertellen bewoners daar?"
    if not u.areas and not u.clarify and not u.unknown_area and u.kind not in ("term", "top", "need", "filter"):
        u = replace(u, areas=prev.areas)
    return u
