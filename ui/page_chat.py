"""The chat page: ask a question, see the facts first, then the checked LLM text, charts, sources and terms."""

from __future__ import annotations

from typing import Any

import streamlit as st

from assistant.schemas import Answer
from ui.client import ApiError, DuidingClient
from ui.i18n import EXAMPLES, audience_label, t
from ui.pending import Pending, ask_later, take
from ui.render import View, keep_lines, render_answer, render_llm
from ui.shared import client, context
from ui.sidebar import Context


def _body(ctx: Context, question: str) -> dict[str, Any]:
    # The conversation id comes with the first event of the first answer; the API keeps the turns.
    return {"question": question, "audience": ctx.audience, "area": ctx.area, "year": ctx.year,
            "conversation_id": st.session_state.get("conversation_id")}


Streamed = tuple[Answer | None, str, tuple[Any, Any]]


def _stream(client: DuidingClient, body: dict[str, Any], ctx: Context, turn: dict[str, Any]) -> Streamed:
    """Write the facts block, then each checked sentence as it arrives; a reset clears the LLM part.

    The turn is kept in the session from the facts on, and grows with every checked sentence: a new
    question typed while the model still writes reruns this script and ends the stream, but the turn and
    the conversation stay (the API keeps the turn too, so a follow-up has its context).
    """
    facts_slot, llm_slot = st.empty(), st.empty()
    answer: Answer | None = None
    problem = ""
    for event in client.chat_stream(body):
        if event.data.get("conversation_id"):
            st.session_state["conversation_id"] = event.data["conversation_id"]
        if event.kind == "facts":
            turn["answer"] = event.data["answer"]
            facts_slot.markdown(keep_lines(Answer.model_validate(event.data["answer"]).deterministic))
            if ctx.llm_on:
                llm_slot.caption(t("writing", ctx.lang))
        elif event.kind == "queued":
            llm_slot.caption(t("queued", ctx.lang).format(place=event.data.get("position", "?")))
        elif event.kind == "sentence":
            turn["sentences"].append(str(event.data.get("text", "")))
            render_llm(llm_slot, " ".join(turn["sentences"]), ctx.audience, ctx.lang)
        elif event.kind == "reset":
            turn["sentences"].clear()
            llm_slot.caption(t("writing", ctx.lang))
        elif event.kind == "error":
            problem = turn["error"] = str(event.data.get("message", ""))
        elif event.kind == "done":
            answer = Answer.model_validate(event.data["answer"])
            turn.update(answer=answer.model_dump(), done=True)
    return answer, problem, (facts_slot, llm_slot)


def _ask(client: DuidingClient, asked: Pending, ctx: Context) -> None:
    turns: list[dict[str, Any]] = st.session_state.setdefault("turns", [])
    turn: dict[str, Any] = {"show": asked["show"], "sentences": [], "error": "", "done": False}
    turns.append(turn)
    with st.chat_message("user"):
        st.markdown(asked["show"])
    with st.chat_message("assistant"):
        view, key = View(ctx.lang, ctx.names), f"turn{len(turns) - 1}"
        try:
            answer, problem, slots = _stream(client, _body(ctx, asked["send"]), ctx, turn)
        except ApiError as exc:
            st.error(f"{t('error', ctx.lang)}: {exc}")
            turn.update(error=str(exc), done=True)
            return
        if problem:
            st.warning(problem)
        if answer is not None:
            render_answer(answer, view, key, last=True, slots=slots)


def _shown(turn: dict[str, Any]) -> Answer:
    """A turn as far as it got: a stream cut off by a new question keeps its facts and checked sentences."""
    answer = Answer.model_validate(turn["answer"])
    if not turn.get("done"):
        answer.llm_text = " ".join(turn.get("sentences", []))
    return answer


def _history(ctx: Context, asking: bool) -> None:
    turns: list[dict[str, Any]] = st.session_state.get("turns", [])
    view = View(ctx.lang, ctx.names)
    for i, turn in enumerate(turns):
        with st.chat_message("user"):
            st.markdown(turn["show"])
        with st.chat_message("assistant"):
            if "answer" not in turn:  # an error, or cut off before the facts came: never an empty turn
                st.error(f"{t('error', ctx.lang)}: {turn['error']}") if turn.get("error") else \
                    st.caption(t("cut_off_early", ctx.lang))
                continue
            if turn.get("error"):
                st.warning(turn["error"])
            if not turn.get("done"):
                st.caption(t("cut_off", ctx.lang))
            last = not asking and i == len(turns) - 1
            render_answer(_shown(turn), view, f"turn{i}", last=last, cut_off=not turn.get("done"))


def _welcome(ctx: Context) -> None:
    area = ctx.names.get(ctx.area or "", "")
    st.markdown(t("empty", ctx.lang) + (f" _({area})_" if area else ""))
    for i, example in enumerate(EXAMPLES[ctx.lang]):
        st.button(example, key=f"example-{i}", on_click=ask_later, args=(example, example))


def main() -> None:
    ctx = context()
    st.title(t("title", ctx.lang), anchor=False)
    st.caption(f"{t('tagline', ctx.lang)} · {audience_label(ctx.audience, ctx.lang)}")
    typed = st.chat_input(t("ask", ctx.lang), key="question")
    asked = Pending(show=typed, send=typed) if typed else take()
    _history(ctx, asking=asked is not None)
    if asked is not None:
        _ask(client(), asked, ctx)
    elif not st.session_state.get("turns"):
        _welcome(ctx)
    if ctx.audience == "beleid" and st.session_state.get("conversation_id"):
        st.page_link("page_export.py", label=t("to_export", ctx.lang), icon=":material/description:")


main()
