"""What every page uses: the API client, the sidebar's choices, and how an API problem is shown."""

from __future__ import annotations

import streamlit as st

from ui.client import ApiError, DuidingClient
from ui.i18n import Lang, t
from ui.sidebar import Context

CONTEXT = "context"


def client() -> DuidingClient:
    """The session's client; tests put an in-process one in st.session_state["client"]."""
    if "client" not in st.session_state:
        st.session_state["client"] = DuidingClient.from_env()
    return st.session_state["client"]  # type: ignore[no-any-return]


def remember(ctx: Context) -> None:
    """The entry page stores the sidebar's choices for the page it runs next; the API answers problems in the
    interface's language from then on."""
    st.session_state[CONTEXT] = ctx
    client().http.headers["Accept-Language"] = ctx.lang


def context() -> Context:
    found = st.session_state.get(CONTEXT)
    return found if isinstance(found, Context) else Context(lang="nl", audience="jongerenwerker", area=None, year=None)


def show_problem(exc: ApiError, lang: Lang, *, unchanged: bool = False) -> None:
    """The API's message and its fix; `unchanged` adds that nothing was stored (imports are atomic)."""
    lines = [f"**{t('problem', lang)}:** {exc.message}"]
    if exc.fix:
        lines.append(f"**{t('fix', lang)}:** {exc.fix}")
    if unchanged:
        lines.append(t("unchanged", lang))
    st.error("  \n".join(lines), icon=":material/error:")
