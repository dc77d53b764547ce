"""The kinds beyond one figure: area profile, need ranking, filter over many areas, related figures.

Called after the basic understanding; each kind sets what the facts step needs, and says its choices.
"""

from __future__ import annotations

import re

from assistant.understand.comparatives import choice_notice, find_comparative
from assistant.understand.filters import Rule, find_rule, level_of
from assistant.understand.model import Understanding
from assistant.understand.needs import find_need, need_catalogue

PROFILE_RE = re.compile(r"\b(hoe gaat het (met|in)|hoe staat [\w' /-]+? (er ?voor|erbij)|wat speelt er|"
                        r"wat is er aan de hand|"
                        r"wat voor (wijk|buurt)|vertel (eens )?(iets )?over|profiel|beeld van|"
                        r"wat valt op|wat springt eruit|tell me about|how is [\w' -]+? doing|how are things|"
                        r"what'?s going on|what is going on|what stands out|profile of|overview of)\b")
PLURAL_RE = re.compile(r"\b(wijken|buurten|districts|neighbou?rhoods|top\s*\d+)\b")


def special_kind(question: str, loaded: set[str], has_topic: bool) -> bool:
    """True when the question is a need, a profile or a comparative word: no semantic indicator guess then."""
    return bool(find_need(question) or (PROFILE_RE.search(question.lower()) and not has_topic)
                or (not has_topic and find_comparative(question, loaded)))


def apply_kinds(u: Understanding, question: str, loaded: set[str], has_topic: bool) -> None:
    """Set kind and what it needs; `has_topic` = the question names an indicator in words."""
    low = question.lower()
    need = find_need(question)
    if need is not None:
        u.kind, u.need, u.indicators, u.level = "need", need.key, [], level_of(question)
        return
    if PROFILE_RE.search(low) and not has_topic and u.areas:
        u.kind = "profile"
        u.indicators = [i for i in need_catalogue().profile if i in loaded]
        return
    if not has_topic and not (u.kind == "top" and u.indicators):
        _comparative(u, question, loaded)
    rule = find_rule(question)
    if rule is not None and u.indicators and not any(a.level in ("wijk", "buurt") for a in u.areas):
        u.kind, u.rule, u.level, u.top = "filter", rule, level_of(question), None
        return
    if not u.indicators and u.missing_indicators:
        related = need_catalogue().related.get(u.missing_indicators[0])
        if related is not None and any(i in loaded for i in related.indicators):
            u.kind, u.related = "related", u.missing_indicators[0]
            u.indicators = [i for i in related.indicators if i in loaded][:3]
            u.notices.append(related_notice(related.topic_nl if u.language == "nl" else related.topic_en, u.language))


def related_notice(topic: str, language: str) -> str:
    if language == "nl":
        return (f"Cijfers over {topic} zijn niet geladen. Hieronder staan verwante cijfers: verwant, niet hetzelfde. "
                f"Ze zeggen niet hoeveel {topic} er is.")
    return (f"Figures on {topic} are not loaded. Below are related figures: related, not the same. "
            f"They do not say how much {topic} there is.")


def _comparative(u: Understanding, question: str, loaded: set[str]) -> None:
    c = find_comparative(question, loaded)
    if c is None:
        return
    u.indicators = list(c.indicators[:2])
    u.missing_indicators = []
    u.notices.append(choice_notice(c, u.language))
    named_wijk = any(a.level in ("wijk", "buurt") for a in u.areas)
    if c.superlative and not named_wijk:
        n = re.search(r"top\s*(\d+)", question.lower())
        many = int(n.group(1)) if n else (5 if PLURAL_RE.search(question.lower()) else 1)
        u.kind, u.level, u.top = "filter", level_of(question), None
        u.rule = Rule("top" if c.highest else "bottom", n=many)
