"""The sidebar: language, audience, the area in view, the year, and the LLM's state (from /readyz)."""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from typing import Any

import streamlit as st

from ui.client import ApiError, DuidingClient
from ui.i18n import Lang, audience_label, audiences, t

READY_TTL_S = 30.0
LANGS: dict[str, str] = {"nl": "Nederlands", "en": "English"}


@dataclass
class Context:
    """What the user picked; sent with every question."""

    lang: Lang
    audience: str
    area: str | None
    year: int | None
    names: dict[str, str] = field(default_factory=dict)
    llm_on: bool = False


def _areas(client: DuidingClient) -> list[dict[str, Any]]:
    if "areas" not in st.session_state:
        st.session_state["areas"] = client.areas()
    return list(st.session_state["areas"])


def _ready(client: DuidingClient) -> dict[str, Any]:
    cached = st.session_state.get("ready")
    if cached is None or time.monotonic() - cached[0] > READY_TTL_S:
        cached = (time.monotonic(), client.ready())
        st.session_state["ready"] = cached
    return dict(cached[1])


def default_area(areas: list[dict[str, Any]]) -> str | None:
    """DUIDING_DEFAULT_AREA (a code or name; `duiding run` sets it), else the first wijk."""
    wanted = (os.environ.get("DUIDING_DEFAULT_AREA") or "").strip().casefold()
    for area in areas:
        if wanted and wanted in (area["code"].casefold(), area["name"].casefold()):
            return str(area["code"])
    wijken = [a for a in areas if a.get("level") == "wijk"]
    return str(wijken[0]["code"]) if wijken else None


def _area_picker(areas: list[dict[str, Any]], lang: Lang) -> str | None:
    labels = {a["code"]: " · ".join(x for x in (a["name"], a["level"], a["code"], a.get("dataset") or "") if x)
              for a in areas}  # the dataset: a demo wijk and a CBS wijk must not look alike
    st.session_state.setdefault("area", default_area(areas))
    return st.selectbox(t("area", lang), [None, *labels], key="area", help=t("area_help", lang),
                        format_func=lambda c: labels.get(c, t("no_area", lang)) if c else t("no_area", lang),
                        placeholder=t("area_search", lang))


def _year_picker(client: DuidingClient, area: str | None, lang: Lang) -> int | None:
    years: list[int] = []
    if area:
        try:
            years = list(client.area(area).get("years", []))
        except ApiError:
            years = []
    return st.selectbox(t("year", lang), [None, *sorted(years, reverse=True)], key=f"year-{area}",
                        format_func=lambda y: t("latest", lang) if y is None else str(y))


def _llm_status(client: DuidingClient, lang: Lang) -> bool:
    llm = _ready(client).get("llm", {})
    backend, model = str(llm.get("backend", "none")), str(llm.get("model", ""))
    name = f"{backend} ({model})" if model else backend
    if backend == "none":
        st.caption(f"{t('llm', lang)}: **{name}** — {t('llm_none', lang)}")
        return False
    reachable = llm.get("reachable") is not False
    state = f":green[● {t('llm_ok', lang)}]" if reachable else f":red[● {t('llm_down', lang)}]"
    st.caption(f"{t('llm', lang)}: **{name}** — {state}  \n{t('llm_role', lang)}", help=str(llm.get("detail") or ""))
    return reachable


def _new_chat() -> None:
    for name in ("turns", "conversation_id", "pending"):
        st.session_state.pop(name, None)


def sidebar(client: DuidingClient) -> Context:
    with st.sidebar:
        st.radio("Taal / Language", list(LANGS), key="lang", horizontal=True, format_func=LANGS.__getitem__)
        lang: Lang = st.session_state.get("lang", "nl")
        audience = st.radio(t("audience", lang), list(audiences()), key="audience",
                            format_func=lambda a: audience_label(a, lang))
        areas = _areas(client)
        area = _area_picker(areas, lang)
        year = _year_picker(client, area, lang)
        llm_on = _llm_status(client, lang)
        st.button(t("new_chat", lang), key="new-chat", on_click=_new_chat)
    names = {a["code"]: a["name"] for a in areas}
    return Context(lang=lang, audience=str(audience), area=area, year=year, names=names, llm_on=llm_on)
