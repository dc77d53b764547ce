"""Render one answer as the API returned it: facts, checked LLM text, badge, charts, sources, terms, next steps.

Nothing here decides content: every sentence, number and suggestion comes from the Answer.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import streamlit as st

from assistant.check.guards import inert_markdown  # story text must not fetch images or run links
from assistant.schemas import Answer, ChartSeries, Fact, FactSource, StoryExcerpt
from retrieval.models import GlossaryEntry
from ui.charts import chart_for, missing_names
from ui.i18n import Lang, audience_label, count, t
from ui.pending import ask_later

Slot = Any  # a Streamlit placeholder (st.empty()) or container
SINGLE_NEWLINE = re.compile(r"(?<![\n ])\n(?!\n)")


@dataclass
class View:
    """What rendering needs from the page: language and area names for codes."""

    lang: Lang = "nl"
    names: dict[str, str] = field(default_factory=dict)

    def area(self, code: str | None) -> str:
        if not code:
            return ""
        name = self.names.get(code)
        return f"{name} ({code})" if name else code


def keep_lines(markdown: str) -> str:
    """The composer writes one statement per line; Markdown would join single lines into one paragraph."""
    return SINGLE_NEWLINE.sub("  \n", markdown)


def llm_text(answer: Answer) -> str:
    """The LLM part that may be shown: only text that passed the check and was not replaced by the facts."""
    if answer.llm.fallback_used or not answer.check.ok:
        return ""
    return answer.llm_text


def render_llm(slot: Slot, text: str, audience: str, lang: Lang) -> None:
    if not text:
        slot.empty()
        return
    with slot.container(border=True):
        st.caption(f"{audience_label(audience, lang)} · {t('llm', lang).lower()}")
        st.markdown(text)


def badge(answer: Answer, lang: Lang, cut_off: bool = False) -> tuple[str, str] | None:
    """(kind, text) of the check badge; None when there was nothing to check (a question back)."""
    if answer.clarify or not answer.facts:
        return None
    if cut_off:  # the sentences shown were checked, but the answer was not finished
        return "info", t("cut_off_badge", lang)
    if answer.llm.fallback_used:
        return "warning", t("fallback", lang)
    if llm_text(answer):
        summary = answer.check_summary or t("checked", lang)  # says what was checked when not everything was
        return ("success" if summary.startswith("✓") else "info"), summary
    return "info", t("facts_only", lang)


def render_badge(answer: Answer, lang: Lang, cut_off: bool = False) -> None:
    found = badge(answer, lang, cut_off)
    if found is not None:
        kind, text = found
        getattr(st, kind)(text, icon=None)
    for notice in answer.notices:
        st.caption(notice)


def render_charts(charts: list[ChartSeries], lang: Lang, key: str) -> None:
    """Per indicator: reference and trend side by side, the sibling strip below; more indicators in tabs."""
    groups: dict[str, list[ChartSeries]] = {}
    for series in charts:
        groups.setdefault(series.indicator, []).append(series)
    if not groups:
        return
    tabs = st.tabs([g[0].title.split(",")[0] for g in groups.values()]) if len(groups) > 1 else [st.container()]
    for tab, (indicator, group) in zip(tabs, groups.items(), strict=True):
        with tab:
            _chart_group(group, lang, f"{key}-{indicator}")


def _chart_group(group: list[ChartSeries], lang: Lang, key: str) -> None:
    side = [s for s in group if s.kind in ("reference", "trend")]
    columns = st.columns(len(side)) if side else []
    for column, series in zip(columns, side, strict=True):
        with column:
            _one_chart(series, lang, f"{key}-{series.kind}")
    for series in group:
        if series.kind in ("siblings", "signifiers"):
            _one_chart(series, lang, f"{key}-{series.kind}")


def _one_chart(series: ChartSeries, lang: Lang, key: str) -> None:
    st.altair_chart(chart_for(series, lang), width="stretch", key=key,
                    alt=f"{series.title}. {series.source_line}")
    missing = missing_names(series)
    if missing:
        st.caption(f"{t('no_value', lang)}: {', '.join(missing)}")


def source_line(source: FactSource, view: View) -> str:
    lang = view.lang
    parts = [f"{t('table', lang)} `{source.table}`", f"{t('indicator', lang)} `{source.indicator}`",
             view.area(source.area_code), str(source.year or ""), source.source_name]
    return " · ".join(p for p in parts if p)


def fact_md(fact: Fact, view: View) -> str:
    text = fact.text_en if view.lang == "en" and fact.text_en else fact.text
    lines = [f"**[{fact.id}]** {text}"]
    lines += [f"  \n:small[:gray[↳ {source_line(s, view)}]]" for s in [fact.source, *fact.extra_sources] if s]
    return "".join(lines)


def _signifiers(story: StoryExcerpt) -> str:
    def show(value: object) -> str:
        return ", ".join(map(str, value)) if isinstance(value, list) else str(value).replace(".", ",")

    return " · ".join(f"{k}: {show(v)}" for k, v in story.signifiers.items())


def _story_md(story: StoryExcerpt, view: View) -> str:
    meta = [story.area_name or view.area(story.area_code), story.date or "", story.role or "",
            t("fictional", view.lang) if story.fictional else ""]
    line = f"**[{story.id}]** “{inert_markdown(story.text)}”  \n_{' · '.join(m for m in meta if m)}_"
    signifiers = _signifiers(story)
    return f"{line}  \n{signifiers}" if signifiers else line


def render_sources(answer: Answer, view: View) -> None:
    if not (answer.facts or answer.stories):
        return
    lang = view.lang
    facts, stories = count(len(answer.facts), "fact", lang), count(len(answer.stories), "story", lang)
    label = f"{t('sources', lang)}: {facts}, {stories}"
    with st.expander(label, icon=":material/source:"):
        if answer.facts:
            st.markdown(f"**{t('facts', lang)}**")
            st.markdown("\n\n".join(fact_md(f, view) for f in answer.facts))
        if answer.stories:
            st.markdown(f"**{t('stories', lang)}**")
            st.markdown("\n\n".join(_story_md(s, view) for s in answer.stories))
        for line in answer.attribution:
            st.caption(line)


def render_entry(entry: GlossaryEntry, lang: Lang) -> None:
    """One glossary entry: definition, example, the common mistake and a question to ask yourself."""
    st.markdown(entry.definition_en if lang == "en" and entry.definition_en else entry.definition)
    example = entry.example_en if lang == "en" and entry.example_en else entry.example
    for key, text in (("example", example), ("mistake", entry.mistake), ("ask_yourself", entry.ask_yourself)):
        if text:
            st.markdown(f"**{t(key, lang)}:** {text}")


def render_glossary(answer: Answer, lang: Lang) -> None:
    for entry in answer.glossary:
        with st.expander(entry.term, icon=":material/menu_book:"):
            render_entry(entry, lang)


def render_next(answer: Answer, view: View, key: str, on_ask: Callable[..., None] = ask_later) -> None:
    """Clarify candidates (asked back) and follow-up suggestions, as buttons that ask for you."""
    lang = view.lang
    if answer.clarify:
        st.markdown(f"**{t('clarify', lang)}**")
        for i, c in enumerate(answer.clarify):
            parent = view.names.get(c.get("parent", ""), c.get("parent", ""))
            label = f"{c.get('name')} ({c.get('level')} {t('in', lang)} {parent})" if parent else c.get("name", "")
            st.button(label, key=f"{key}-clarify-{i}", on_click=on_ask, args=(label, c.get("code", "")))
    if answer.follow_ups:
        st.caption(t("follow_ups", lang))
        with st.container(horizontal=True):
            for i, text in enumerate(answer.follow_ups):
                st.button(text, key=f"{key}-follow-{i}", on_click=on_ask, args=(text, text))


def render_answer(answer: Answer, view: View, key: str, last: bool,
                  slots: tuple[Slot, Slot] | None = None, cut_off: bool = False) -> None:
    """The whole answer; `slots` are the placeholders the stream already wrote facts and LLM text into."""
    facts_slot, llm_slot = slots or (st.empty(), st.empty())
    facts_slot.markdown(keep_lines(answer.deterministic))
    render_llm(llm_slot, llm_text(answer), answer.audience, view.lang)
    render_badge(answer, view.lang, cut_off)
    render_charts(answer.charts, view.lang, key)
    render_sources(answer, view)
    render_glossary(answer, view.lang)
    if last:
        render_next(answer, view, key)
