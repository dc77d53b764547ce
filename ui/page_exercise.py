"""Oefening (for trainers): an interpretation exercise from POST /v1/exercises; the key shows after answering."""

from __future__ import annotations

import streamlit as st

from assistant.compose.exercises import Exercise
from ui.client import ApiError
from ui.i18n import Lang, t
from ui.render import View, fact_md, render_entry
from ui.shared import client, context, show_problem

KINDS = ("procentpunt", "ecologische_valkuil", "kleine_aantallen", "vergelijking")
EXERCISE = "exercise"  # {"for": "<area>:<kind>", "exercise": Exercise}
ANSWERED = "exercise_answered"  # (exercise id, index of the chosen option)


def _forget() -> None:
    for name in (EXERCISE, ANSWERED):
        st.session_state.pop(name, None)


def _current(area: str, kind: str | None, lang: Lang) -> Exercise | None:
    """The exercise on screen; a new one when there is none yet or the area or kind changed."""
    wanted = f"{area}:{kind or ''}"
    stored = st.session_state.get(EXERCISE)
    if stored is None or stored["for"] != wanted:
        try:
            with st.spinner(t("exercise_busy", lang)):
                stored = {"for": wanted, "exercise": client().exercise(area, kind)}
        except ApiError as exc:
            show_problem(exc, lang)
            return None
        st.session_state[EXERCISE] = stored
        st.session_state.pop(ANSWERED, None)
    exercise: Exercise = stored["exercise"]
    return exercise


def _ask(ex: Exercise, lang: Lang) -> int | None:
    """The question and its options in a form; the chosen option once the learner has checked it."""
    answered = st.session_state.get(ANSWERED)
    chosen = int(answered[1]) if answered is not None and answered[0] == ex.id else None
    done = chosen is not None
    st.header(ex.area_name, anchor=False)
    st.markdown(ex.question)
    with st.form(f"exercise-{ex.id}"):
        choice = st.radio(t("your_answer", lang), range(len(ex.options)), index=None, key=f"choice-{ex.id}",
                          format_func=lambda i: ex.options[i], disabled=done)
        sent = st.form_submit_button(t("check_answer", lang), icon=":material/check:", disabled=done)
    if sent and choice is None:
        st.warning(t("pick_first", lang))
    elif sent:
        st.session_state[ANSWERED] = (ex.id, choice)
        st.rerun()  # draws the answered form locked, with the key below it
    return chosen


def _result(ex: Exercise, choice: int, view: View) -> None:
    """Right or not, the key with its explanation, the glossary entry to read, and the facts used."""
    lang, key = view.lang, ex.answer_key
    if choice == key.correct:
        st.success(t("right", lang), icon=":material/check_circle:")
    else:
        st.error(t("wrong", lang), icon=":material/cancel:")
    lines = [(t("your_answer", lang), ex.options[choice]), (t("key", lang), ex.options[key.correct]),
             (t("explanation", lang), key.explanation)]
    st.markdown("  \n".join(f"**{label}:** {text}" for label, text in lines))
    try:
        entry = client().glossary_entry(key.glossary_term)
    except ApiError as exc:
        show_problem(exc, lang)
    else:
        with st.container(border=True):
            st.markdown(f"**{t('read_more', lang)}: {entry.term}**")
            render_entry(entry, lang)
    with st.expander(t("sources", lang), icon=":material/source:"):
        st.markdown("\n\n".join(fact_md(f, view) for f in ex.facts))
        for line in ex.attribution:
            st.caption(line)


def main() -> None:
    ctx = context()
    lang = ctx.lang
    st.title(t("page_exercise", lang), anchor=False)
    st.markdown(t("exercise_intro", lang))
    if not ctx.area:
        st.info(t("exercise_no_area", lang), icon=":material/info:")
        return
    kind = st.selectbox(t("exercise_kind", lang), [None, *KINDS], key="exercise-kind",
                        format_func=lambda k: t(f"kind_{k or 'any'}", lang))
    exercise = _current(ctx.area, kind, lang)
    if exercise is not None:
        choice = _ask(exercise, lang)
        if choice is not None:
            _result(exercise, choice, View(lang, ctx.names))
    st.button(t("new_exercise", lang), key="exercise-new", on_click=_forget, icon=":material/refresh:")


main()
