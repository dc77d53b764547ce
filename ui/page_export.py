"""Onderbouwing: the conversation's argument as Word and Markdown, made by the API (POST /v1/export)."""

from __future__ import annotations

from typing import Any, Literal

import streamlit as st

from ui.client import ApiError, Download
from ui.i18n import Lang, t
from ui.shared import client, context, show_problem

FORMATS: tuple[Literal["docx", "md", "zip"], ...] = ("docx", "md", "zip")
MADE = "export"  # {"for": "<conversation>:<turns>", "files": {fmt: Download}}


def _questions(turns: list[dict[str, Any]], lang: Lang) -> None:
    st.header(t("export_questions", lang), anchor=False)
    st.markdown("\n".join(f"{i}. {turn['show']}" for i, turn in enumerate(turns, start=1)))


def _make(conversation_id: str, made_for: str, lang: Lang) -> bool:
    try:
        with st.spinner(t("export_busy", lang)):
            files = {fmt: client().export(conversation_id, fmt) for fmt in FORMATS}
    except ApiError as exc:
        show_problem(exc, lang)
        return False
    st.session_state[MADE] = {"for": made_for, "files": files}
    return True


def _downloads(files: dict[str, Download], lang: Lang) -> None:
    st.success(t("export_ready", lang), icon=":material/task_alt:")
    with st.container(horizontal=True):
        for fmt, file in files.items():
            st.download_button(t(f"download_{fmt}", lang), file.content, file_name=file.filename,
                               mime=file.media_type, key=f"download-{fmt}", on_click="ignore",
                               icon=":material/download:")


def main() -> None:
    lang = context().lang
    st.title(t("page_export", lang), anchor=False)
    st.markdown(t("export_intro", lang))
    conversation_id = st.session_state.get("conversation_id")
    turns: list[dict[str, Any]] = st.session_state.get("turns", [])
    if not conversation_id:
        st.info(t("export_none", lang), icon=":material/info:")
        st.page_link("page_chat.py", label=t("to_chat", lang), icon=":material/forum:")
        return
    _questions(turns, lang)
    made_for = f"{conversation_id}:{len(turns)}"  # a new question makes an earlier export stale
    clicked = st.button(t("make_export", lang), type="primary", icon=":material/description:", key="make-export")
    if clicked and not _make(conversation_id, made_for, lang):
        return
    made = st.session_state.get(MADE)
    if made and made["for"] == made_for:
        _downloads(made["files"], lang)


main()
