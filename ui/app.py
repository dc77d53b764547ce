"""Duiding's front end (Streamlit): the sidebar, then the chosen page. It renders what the API returns.

Run it with `duiding run`, or `streamlit run ui/app.py` next to `duiding serve` (DUIDING_API_URL).
Tests put an in-process DuidingClient in st.session_state["client"].
"""

from __future__ import annotations

import sys
from pathlib import Path

import streamlit as st

if __package__ in (None, ""):  # `streamlit run ui/app.py` runs this file as a script
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ui.client import ApiError  # noqa: E402
from ui.i18n import Lang, t  # noqa: E402
from ui.shared import client, remember  # noqa: E402
from ui.sidebar import sidebar  # noqa: E402

# (file next to this one, url path, icon); the first page is the chat at "/"
PAGES: list[tuple[str, str, str]] = [
    ("page_chat.py", "", ":material/forum:"),
    ("page_export.py", "onderbouwing", ":material/description:"),
    ("page_exercise.py", "oefening", ":material/school:"),
    ("page_upload.py", "upload", ":material/upload_file:"),
]

# Streamlit fades captions to opacity 0.6: 3.9:1 on white (axe color-contrast; WCAG AA asks 4.5:1).
# At 0.8 it is about 7:1 on light and dark themes, and the smaller size still marks it as a caption.
READABLE_CAPTIONS = "<style>[data-testid='stCaptionContainer'] { opacity: 0.8; }</style>"


def pages(lang: Lang) -> list[st.Page]:
    return [st.Page(file, title=t(Path(file).stem, lang), icon=icon, url_path=url or None, default=not url)
            for file, url, icon in PAGES]


def main() -> None:
    st.set_page_config(page_title="Duiding", page_icon=":material/explore:", layout="wide")
    st.html(READABLE_CAPTIONS)
    try:
        ctx = sidebar(client())
    except ApiError as exc:
        st.error(f"{t('api_down')} {exc}")
        st.stop()
    remember(ctx)
    with st.sidebar:  # screen readers read the page in its language (Streamlit's page says lang="en")
        st.html(f"<script>document.documentElement.lang = {ctx.lang!r};</script>", unsafe_allow_javascript=True)
    st.navigation(pages(ctx.lang)).run()


main()
