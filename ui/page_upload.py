"""Upload: tables and stories through POST /v1/ingest/*, with progress, the import report or the API's fix."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import streamlit as st
from streamlit.runtime.uploaded_file_manager import UploadedFile

from assistant.core import registry
from retrieval.models import ImportReport
from ui.client import ApiError
from ui.i18n import Lang, count, t
from ui.shared import client, context, show_problem

TABLE_TYPES = ["csv", "tsv", "txt", "xlsx", "xlsm"]
STORY_TYPES = ["csv", "tsv", "jsonl", "ndjson", "json", "md", "markdown"]
FORMATS = (None, *registry.names("table_format"))  # the route's `format` field
RESULT = "upload_result"  # {"file", "kind", "report": ImportReport} or {"file", "error": ApiError}


@dataclass(frozen=True)
class Sent:
    kind: str  # tables | stories
    filename: str
    content: bytes
    options: dict[str, Any] = field(default_factory=dict)
    names: tuple[str, bytes] | None = None  # an optional CBS name list sent with a table


def _sent_file(sent: bool, file: UploadedFile | None, lang: Lang) -> UploadedFile | None:
    """The file of a sent form; a form sent without one gets a warning to pick one."""
    if sent and file is None:
        st.warning(t("upload_pick", lang))
    return file if sent else None


def _table_form(lang: Lang) -> Sent | None:
    with st.form("upload-tables"):
        file = st.file_uploader(t("table_file", lang), type=TABLE_TYPES, key="table-file",
                                help=t("table_file_help", lang))
        fmt = st.selectbox(t("table_format", lang), FORMATS, key="table-format", help=t("table_format_help", lang),
                           format_func=lambda f: t(f"format_{f or 'auto'}", lang))
        year = st.number_input(t("table_year", lang), min_value=1900, max_value=2100, value=None, step=1,
                               key="table-year")
        status = st.radio(t("table_status", lang), ["definitief", "voorlopig"], key="table-status",
                          horizontal=True, format_func=lambda s: t("final" if s == "definitief" else "provisional",
                                                                   lang))
        source = st.text_input(t("table_source", lang), key="table-source", max_chars=200)
        names = st.file_uploader(t("table_names", lang), type=["csv"], key="table-names",
                                 help=t("table_names_help", lang))
        sent = st.form_submit_button(t("upload_button", lang), type="primary", icon=":material/upload:")
    file = _sent_file(sent, file, lang)
    if file is None:
        return None
    options = {"format": fmt, "year": int(year) if year is not None else None, "status": status, "source": source}
    return Sent("tables", file.name, file.getvalue(), options,
                (names.name, names.getvalue()) if names is not None else None)


def _story_form(lang: Lang) -> Sent | None:
    with st.form("upload-stories"):
        file = st.file_uploader(t("story_file", lang), type=STORY_TYPES, key="story-file",
                                help=t("story_file_help", lang))
        sent = st.form_submit_button(t("upload_button", lang), type="primary", icon=":material/upload:")
    file = _sent_file(sent, file, lang)
    if file is None:
        return None
    return Sent("stories", file.name, file.getvalue())


def _import(sent: Sent, lang: Lang) -> None:
    """Send the file while a status shows it is running; keep the report (or the problem) for later runs."""
    name = sent.filename
    with st.status(t("upload_busy", lang).format(name=name)) as status:
        try:
            if sent.kind == "tables":
                report = client().ingest_tables(name, sent.content, sent.options, sent.names)
            else:
                report = client().ingest_stories(name, sent.content)
        except ApiError as exc:
            status.update(label=t("upload_failed", lang).format(name=name), state="error")
            st.session_state[RESULT] = {"file": name, "error": exc}
            return
        status.update(label=t("upload_done", lang).format(name=name), state="complete")
    st.session_state[RESULT] = {"file": name, "kind": sent.kind, "report": report}
    for cached in ("areas", "ready"):  # new areas and counts show in the sidebar on the next run
        st.session_state.pop(cached, None)


def report_rows(report: ImportReport, kind: str, lang: Lang) -> dict[str, list[str]]:
    """The report as a two-column table of text, in the order a reader checks it."""
    rows: list[tuple[str, object]] = [("r_file", report.file), ("r_format", report.format),
                                      ("r_source", report.source), ("r_rows", report.rows)]
    if kind == "stories":
        rows += [("r_stored", report.stored), ("r_areas", report.areas)]
    else:
        rows += [("r_areas", report.areas), ("r_indicators", report.indicators), ("r_values", report.values),
                 ("r_suppressed", report.suppressed), ("r_years", ", ".join(map(str, report.years)))]
    rows.append(("r_changed", t("yes" if report.changed else "no", lang)))
    rows += [("r_skipped", line) for line in report.skipped]
    rows += [("report_warnings", line) for line in report.warnings]
    rows += [("report_redactions", f"{what}: {n}") for what, n in report.redactions.items()]
    shown = [(t(key, lang), str(value)) for key, value in rows if value not in ("", None)]
    return {t("report_part", lang): [k for k, _ in shown], t("report_value", lang): [v for _, v in shown]}


def summary(report: ImportReport, kind: str, lang: Lang) -> str:
    """One line a non-number person can read: what came in."""
    if kind == "stories":
        parts = [f"{count(report.stored, 'story', lang)} {t('stored', lang)}", count(report.rows, "row", lang),
                 count(report.areas, "area", lang)]
    else:
        parts = [count(report.values, "value", lang), count(report.indicators, "indicator", lang),
                 count(report.areas, "area", lang)]
    years = f" ({', '.join(map(str, report.years))})" if report.years else ""
    return ", ".join(parts) + years


def _report(report: ImportReport, kind: str, lang: Lang) -> None:
    if report.changed:
        st.success(f"**{t('report_in', lang)}:** {summary(report, kind, lang)}", icon=":material/task_alt:")
    else:
        st.info(t("report_same", lang), icon=":material/info:")
    if report.warnings or report.skipped:
        st.warning("\n".join(f"- {line}" for line in [*report.skipped, *report.warnings]))
    if report.redactions:
        removed = ", ".join(f"{what}: {n}" for what, n in report.redactions.items())
        st.markdown(f"**{t('report_redactions', lang)}:** {removed}")
    caption = t("report_table_caption", lang)
    st.table(report_rows(report, kind, lang), hide_index=True, alt=f"{caption}: {report.file}")


def main() -> None:
    lang = context().lang
    st.title(t("page_upload", lang), anchor=False)
    st.markdown(t("upload_intro", lang))
    what = st.radio(t("upload_what", lang), ["tables", "stories"], key="upload-what", horizontal=True,
                    format_func=lambda w: t(f"upload_{w}", lang))
    sent = _table_form(lang) if what == "tables" else _story_form(lang)
    if sent is not None:
        _import(sent, lang)
    result = st.session_state.get(RESULT)
    if result and "error" in result:
        show_problem(result["error"], lang, unchanged=True)
    elif result:
        _report(result["report"], result["kind"], lang)
    _datasets(lang)


def _datasets(lang: Lang) -> None:
    """What is loaded, one row per import (remove one with `duiding datasets remove ID`)."""
    st.subheader(t("datasets_title", lang), anchor=False)
    try:
        found = client().datasets()
    except ApiError as exc:
        show_problem(exc, lang)
        return
    if not found:
        st.info(t("datasets_none", lang), icon=":material/info:")
        return
    st.table({t(f"ds_{k}", lang): [_cell(d[k]) for d in found]
              for k in ("id", "file", "table", "gemeente_names", "years", "rows", "imported")}, hide_index=True)
    st.caption(t("datasets_remove_hint", lang))


def _cell(value: object) -> str:
    return ", ".join(map(str, value)) if isinstance(value, list) else str(value)


main()
