"""A question to ask on the next run: buttons (follow-ups, clarify) queue it, the page asks it."""

from __future__ import annotations

from typing import TypedDict

import streamlit as st

KEY = "pending"


class Pending(TypedDict):
    show: str  # what the chat shows as the user's message
    send: str  # what goes to the API (a clarify choice sends the area code)


def ask_later(show: str, send: str) -> None:
    st.session_state[KEY] = Pending(show=show, send=send or show)


def take() -> Pending | None:
    found = st.session_state.pop(KEY, None)
    if not isinstance(found, dict):
        return None
    return Pending(show=str(found.get("show", "")), send=str(found.get("send", "")))
