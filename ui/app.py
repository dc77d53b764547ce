"""Duiding's chat page (Streamlit). It renders what the API returns; it computes nothing itself.

Run it with `duiding run`, or `streamlit run ui/app.py` next to `duiding serve` (DUIDING_API_URL).
Tests put an in-process DuidingClient in st.session_state["client"].
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import streamlit as st

if __package__ in (None, ""):  # `streamlit run ui/app.py` runs this file as a script
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from assistant.schemas import Answer  # noqa: E402
from ui.client import ApiError, DuidingClient  # noqa: E402
from ui.i18n import EXAMPLES, audience_label, t  # noqa: E402
from ui.pending import Pending, ask_later, take  # noqa: E402
from ui.render import View, keep_lines, render_answer, render_llm  # noqa: E402
from ui.sidebar import Context, sidebar  # noqa: E402


def _client() -> DuidingClient:
    if "client" not in st.session_state:
        st.session_state["client"] = DuidingClient.from_env()
    return st.session_state["client"]  # type: ignore[no-any-return]


def _body(ctx: Context, question: str) -> dict[str, Any]:
    return {"question": question, "audience": ctx.audience, "area": ctx.area, "year": ctx.year,
            "conversation_id": st.session_state.get("conversation_id")}


Streamed = tuple[Answer | None, str, tuple[Any, Any]]


def _stream(client: DuidingClient, body: dict[str, Any], ctx: Context) -> Streamed:
    """Write the facts block, then each checked sentence as it arrives; a reset clears the LLM part."""
    facts_slot, llm_slot = st.empty(), st.empty()
    answer: Answer | None = None
    sentences: list[str] = []
    problem = ""
    for event in client.chat_stream(body):
        if event.kind == "facts":
            facts_slot.markdown(keep_lines(Answer.model_validate(event.data["answer"]).deterministic))
            if ctx.llm_on:
                llm_slot.caption(t("writing", ctx.lang))
        elif event.kind == "sentence":
            sentences.append(str(event.data.get("text", "")))
            render_llm(llm_slot, " ".join(sentences), ctx.audience, ctx.lang)
        elif event.kind == "reset":
            sentences.clear()
            llm_slot.caption(t("writing", ctx.lang))
        elif event.kind == "error":
            problem = str(event.data.get("message", ""))
        elif event.kind == "done":
            answer = Answer.model_validate(event.data["answer"])
    return answer, problem, (facts_slot, llm_slot)


def _ask(client: DuidingClient, asked: Pending, ctx: Context) -> None:
    turns: list[dict[str, Any]] = st.session_state.setdefault("turns", [])
    with st.chat_message("user"):
        st.markdown(asked["show"])
    with st.chat_message("assistant"):
        view, key = View(ctx.lang, ctx.names), f"turn{len(turns)}"
        try:
            answer, problem, slots = _stream(client, _body(ctx, asked["send"]), ctx)
        except ApiError as exc:
            st.error(f"{t('error', ctx.lang)}: {exc}")
            turns.append({"show": asked["show"], "error": str(exc)})
            return
        if problem:
            st.warning(problem)
        if answer is None:
            return
        st.session_state["conversation_id"] = answer.conversation_id
        turns.append({"show": asked["show"], "answer": answer.model_dump(), "error": problem})
        render_answer(answer, view, key, last=True, slots=slots)


def _history(ctx: Context, asking: bool) -> None:
    turns: list[dict[str, Any]] = st.session_state.get("turns", [])
    view = View(ctx.lang, ctx.names)
    for i, turn in enumerate(turns):
        with st.chat_message("user"):
            st.markdown(turn["show"])
        with st.chat_message("assistant"):
            if "answer" not in turn:
                st.error(f"{t('error', ctx.lang)}: {turn['error']}")
                continue
            if turn.get("error"):
                st.warning(turn["error"])
            last = not asking and i == len(turns) - 1
            render_answer(Answer.model_validate(turn["answer"]), view, f"turn{i}", last=last)


def _welcome(ctx: Context) -> None:
    area = ctx.names.get(ctx.area or "", "")
    st.markdown(t("empty", ctx.lang) + (f" _({area})_" if area else ""))
    for i, example in enumerate(EXAMPLES[ctx.lang]):
        st.button(example, key=f"example-{i}", on_click=ask_later, args=(example, example))


def main() -> None:
    st.set_page_config(page_title="Duiding", page_icon=":material/explore:", layout="wide")
    client = _client()
    try:
        ctx = sidebar(client)
    except ApiError as exc:
        st.error(f"{t('api_down')} {exc}")
        st.stop()
    st.title(t("title", ctx.lang), anchor=False)
    st.caption(f"{t('tagline', ctx.lang)} · {audience_label(ctx.audience, ctx.lang)}")
    typed = st.chat_input(t("ask", ctx.lang), key="question")
    asked = Pending(show=typed, send=typed) if typed else take()
    _history(ctx, asking=asked is not None)
    if asked is not None:
        _ask(client, asked, ctx)
    elif not st.session_state.get("turns"):
        _welcome(ctx)


main()
