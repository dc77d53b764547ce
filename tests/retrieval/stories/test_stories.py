"""Story ingest: formats, report, idempotency, rejected files, PII never on disk, delete, CLI."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from support.paths import DATA
from support.store import tree_digest

from assistant.cli.main import cli
from assistant.core.errors import BadInputError, NotFoundError
from assistant.core.settings import Settings
from retrieval.stories.ingest import ingest_stories
from retrieval.stories.store import InMemoryStoryIndex, StoryStore

SNIPPETS = yaml.safe_load((DATA / "pii_snippets.yaml").read_text(encoding="utf-8"))
AREAS = {"WK990110", "WK990111"}

CSV_TEXT = (
    "id,text,area_code,date,themes,role,signifier_gevoel,signifier_steun,consent\n"
    'c1,"Mevrouw Jansen (06-12345678) voelt zich alleen sinds 2019.",wk990111,2023-05-01,'
    'eenzaamheid; ouderen,Bewoner,eenzaam|bezorgd,"0,3",ja\n'
    'c2,"Het jongerenwerk bereikt 71 per 1.000 jongeren, zegt Jan de Vries.",WK990110,2023-06,'
    "jeugd|werk,jongerenwerker,hoopvol,0.8,ja\n"
)


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return path


def jsonl(rows: list[dict]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)


def assert_nowhere(root: Path, secret: str) -> None:
    """Neither the UTF-8 bytes nor the JSON-escaped form of secret is in any file under root."""
    forms = {secret.encode("utf-8"), json.dumps(secret)[1:-1].encode("ascii")}
    for path in (p for p in root.rglob("*") if p.is_file()):
        data = path.read_bytes()
        assert not any(form in data for form in forms), f"{secret!r} found in {path}"


@pytest.fixture
def store(settings: Settings) -> StoryStore:
    return StoryStore.from_settings(settings)


def test_csv_ingest_scrubs_and_parses_fields(tmp_path: Path, store: StoryStore, settings: Settings) -> None:
    report = ingest_stories(write(tmp_path / "in" / "v.csv", CSV_TEXT), store, AREAS, settings)
    assert (report.format, report.rows, report.skipped, report.areas) == ("csv", 2, [], 2)
    assert report.redactions == {"naam": 2, "telefoon": 1} and report.changed
    first = store.get("c1")
    assert first.text == "Mevrouw [naam] ([telefoon]) voelt zich alleen sinds 2019."
    assert (first.area_code, first.date, first.themes, first.role) == ("WK990111", "2023-05-01",
                                                                       ["eenzaamheid", "ouderen"], "bewoner")
    assert first.signifiers == {"gevoel": ["eenzaam", "bezorgd"], "steun": 0.3}
    assert store.get("c2").text.endswith("71 per 1.000 jongeren, zegt [naam].")
    for secret in ("Jansen", "06-12345678", "Jan de Vries"):
        assert_nowhere(settings.data_dir, secret)
    assert not (settings.story_dir / "originals.jsonl").exists()


def test_csv_with_bom_and_semicolons(tmp_path: Path, store: StoryStore) -> None:
    path = write(tmp_path / "v.csv", "\ufefftext;themes\nHet buurthuis is dicht.;buurt|ontmoeting\n".encode())
    report = ingest_stories(path, store)
    assert report.skipped == [] and store.list()[0].themes == ["buurt", "ontmoeting"]


def test_jsonl_ingest_derives_ids_and_skips_bad_lines(tmp_path: Path, store: StoryStore) -> None:
    rows = [{"text": "Bel Fatima op 0612345678.", "themes": ["zorg"], "signifiers": {"gevoel": ["trots"]}},
            {"id": "j2", "text": "Geen geld voor de sportclub.", "area_code": "WK990110", "date": "2022-11-03"}]
    path = write(tmp_path / "v.jsonl", jsonl(rows) + "{kapot\n" + '["geen object"]\n')
    report = ingest_stories(path, store, AREAS)
    assert report.skipped == ["regel 3: geen geldige JSON", "regel 4: geen JSON-object"]
    derived = [s for s in store.list() if s.id != "j2"][0]
    assert derived.id.startswith("s-") and len(derived.id) == 12 and int(derived.id[2:], 16) >= 0
    assert derived.text == "Bel [naam] op [telefoon]." and derived.signifiers == {"gevoel": ["trots"]}


def test_markdown_folder_with_front_matter(tmp_path: Path, store: StoryStore) -> None:
    folder = tmp_path / "md"
    write(folder / "a.md", "---\nid: m1\narea_code: WK990111\ndate: 2024-02-01\nthemes: [eenzaamheid]\n"
                           "role: bewoner\nsignifiers: {gevoel: [eenzaam], steun: 0.2}\n---\n"
                           "Mijn buurvrouw Khadija komt elke dag even langs.\n")
    write(folder / "sub" / "b.md", "Zonder front matter: de bus rijdt niet meer.\n")
    write(folder / "c.md", "---\nid: [kapot\n---\nTekst\n")
    report = ingest_stories(folder, store, AREAS)
    assert (report.format, report.rows) == ("markdown", 3)
    assert report.skipped == ["bestand c.md: front matter is geen geldige YAML"]
    m1 = store.get("m1")
    assert (m1.date, m1.text, m1.signifiers) == ("2024-02-01", "Mijn buurvrouw [naam] komt elke dag even langs.",
                                                 {"gevoel": ["eenzaam"], "steun": 0.2})


def test_reingest_is_idempotent(tmp_path: Path, store: StoryStore, settings: Settings) -> None:
    index = InMemoryStoryIndex()
    store.subscribe(index)
    path = write(tmp_path / "v.csv", CSV_TEXT)
    ingest_stories(path, store, AREAS)
    before = tree_digest(settings.data_dir)
    again = ingest_stories(path, store, AREAS)
    assert again.changed is False and store.count() == 2 and tree_digest(settings.data_dir) == before
    assert index.events == [("added", []), ("added", ["c1", "c2"])]
    write(path, CSV_TEXT.replace("voelt zich alleen", "voelt zich erg alleen"))
    changed = ingest_stories(path, store, AREAS)
    assert changed.changed and store.count() == 2 and index.events[-1] == ("added", ["c1"])
    assert "erg alleen" in index.stories["c1"].text


BAD_FILES = {
    "empty.csv": (b"", "is leeg"),
    "blank.jsonl": (b"  \n\n", "is leeg"),
    "binary.csv": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + os.urandom(300), "geen tekstbestand"),
    "latin1.csv": ("text\nCaf\u00e9 in de wijk\n".encode("cp1252"), "Windows-1252"),
    "utf16.csv": ("text\nHallo\n".encode("utf-16"), "UTF-16"),
    "array.json": (b'[{"text": "a"}]', "JSON-lijst"),
    "invalid.jsonl": (b"{text: a}\nnog een regel\n", "geen enkele regel is geldige JSON"),
    "notext.csv": (b"verhaaltje,wijk\nHallo,WK1\n", "geen kolom 'text'"),
    "header_only.csv": (b"text,area_code\n", "bevat geen verhalen"),
    "stories.docx": (b"PK just some words", "onbekend bestandstype"),
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_file_is_rejected_and_store_unchanged(name: str, tmp_path: Path, store: StoryStore,
                                                  settings: Settings) -> None:
    ingest_stories(write(tmp_path / "ok.csv", CSV_TEXT), store, AREAS)
    before = tree_digest(settings.data_dir)
    content, expected = BAD_FILES[name]
    with pytest.raises(BadInputError) as err:
        ingest_stories(write(tmp_path / name, content), store, AREAS)
    assert expected in err.value.message and name in err.value.message and err.value.fix
    assert tree_digest(settings.data_dir) == before


def test_rejected_first_file_creates_nothing(tmp_path: Path, store: StoryStore, settings: Settings) -> None:
    with pytest.raises(BadInputError):
        ingest_stories(write(tmp_path / "x.jsonl", b"niet json\n"), store)
    assert not settings.data_dir.exists()


def test_row_problems_are_skipped_with_reasons(tmp_path: Path, store: StoryStore) -> None:
    rows = [
        {"id": "ok", "text": "Goed verhaal.", "area_code": "WK990110"},
        {"id": "huge", "text": "a" * 20_001},
        {"id": "area", "text": "Elders.", "area_code": "WK123456"},
        {"id": "notext", "text": "   "},
        {"id": "date", "text": "Datum fout.", "date": "gisteren"},
        {"id": "feel", "text": "Blij.", "signifiers": {"gevoel": ["blij"]}},
        {"id": "three", "text": "Veel.", "signifiers": {"gevoel": ["boos", "trots", "eenzaam"]}},
        {"id": "slider", "text": "Schuif.", "signifiers": {"steun": 7}},
        {"id": "consent", "text": "Zonder toestemming.", "consent": "nee"},
    ]
    report = ingest_stories(write(tmp_path / "v.jsonl", jsonl(rows)), store, AREAS)
    assert report.skipped == [
        "regel 2: verhaal is te lang (20.001 tekens, maximaal 20.000)",
        "regel 3: onbekende gebiedscode 'WK123456'",
        "regel 4: geen tekst",
        "regel 5: ongeldige datum 'gisteren' (gebruik JJJJ-MM-DD of JJJJ-MM)",
        "regel 6: signifier gevoel: 'blij' staat niet in de lijst (machteloos, boos, bezorgd, hoopvol, trots, "
        "eenzaam, gesteund, opgelucht)",
        "regel 7: signifier gevoel: kies één of twee gevoelens, niet 3",
        "regel 8: signifier steun: 7 ligt niet tussen 0 en 1",
        "regel 9: geen toestemming van de verteller (consent: nee)",
    ]
    assert [s.id for s in store.list()] == ["ok"]
    assert_nowhere(store.directory.parent, "Zonder toestemming")
    # Without a list of known areas any area code is accepted.
    ingest_stories(write(tmp_path / "w.jsonl", jsonl([rows[2]])), store)
    assert store.list(area="wk123456")[0].id == "area"


def test_no_planted_pii_anywhere_in_the_data_dir(tmp_path: Path, store: StoryStore, settings: Settings) -> None:
    rows = [{"id": f"p{i}", "text": s["text"]} for i, s in enumerate(SNIPPETS) if s.get("pii")]
    report = ingest_stories(write(tmp_path / "pii.jsonl", jsonl(rows)), store, None, settings)
    assert report.skipped == [] and sum(report.redactions.values()) >= 200
    for snippet in SNIPPETS:
        for value in (v for values in (snippet.get("pii") or {}).values() for v in values):
            assert_nowhere(settings.data_dir, value)


def test_delete_leaves_no_trace(tmp_path: Path, settings: Settings) -> None:
    keep = settings.model_copy(update={"keep_original_story_text": True})
    index = InMemoryStoryIndex()
    store = StoryStore.from_settings(keep, listeners=[index])
    rows = [{"id": "verhaal-weg-1", "text": "Mijn buurman Ahmed zag de overval op de Zwaluwstraat."},
            {"id": "blijft", "text": "Het buurthuis sluit om tien uur."}]
    ingest_stories(write(tmp_path / "v.jsonl", jsonl(rows)), store, None, keep)
    assert "Ahmed" in (settings.story_dir / "originals.jsonl").read_text(encoding="utf-8")
    # A temp file left by a crashed write holds old text too; delete must clean it up.
    write(settings.story_dir / ".stories.jsonl.crash.tmp", "de overval op de Zwaluwstraat")
    store.delete("verhaal-weg-1")
    for trace in ("overval op de Zwaluwstraat", "Ahmed", "verhaal-weg-1"):
        assert_nowhere(settings.data_dir, trace)
    assert index.events[-1] == ("deleted", ["verhaal-weg-1"]) and "verhaal-weg-1" not in index.stories
    assert [s.id for s in store.list()] == ["blijft"] and store.original_text("blijft")
    with pytest.raises(NotFoundError):
        store.delete("verhaal-weg-1")


def test_failed_write_keeps_old_file_and_leaves_no_temp(tmp_path: Path, store: StoryStore,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    ingest_stories(write(tmp_path / "v.csv", CSV_TEXT), store, AREAS)
    before = tree_digest(store.directory)

    def crash(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError):
        store.delete("c1")
    assert tree_digest(store.directory) == before and store.count() == 2


def test_list_filters(tmp_path: Path, store: StoryStore) -> None:
    ingest_stories(write(tmp_path / "v.csv", CSV_TEXT), store, AREAS)
    filters = {"area": "WK990110", "theme": "Ouderen", "role": "jongerenwerker", "q": "VOELT ZICH"}
    got = {key: [s.id for s in store.list(**{key: value})] for key, value in filters.items()}
    assert got == {"area": ["c2"], "theme": ["c1"], "role": ["c2"], "q": ["c1"]}


def test_cli_ingest_list_delete(tmp_path: Path, settings: Settings) -> None:
    runner, base = CliRunner(), ["--data-dir", str(settings.data_dir)]
    path = write(tmp_path / "v.csv", CSV_TEXT)
    result = runner.invoke(cli, [*base, "ingest", "stories", str(path)])
    assert result.exit_code == 0, result.output
    assert "2 verhalen gelezen, 2 opgeslagen" in result.stdout and "naam 2" in result.stdout
    listed = runner.invoke(cli, [*base, "stories", "--area", "WK990111", "--json"])
    assert [s["id"] for s in json.loads(listed.stdout)] == ["c1"]
    found = runner.invoke(cli, [*base, "stories", "--q", "jongerenwerk"])
    assert found.exit_code == 0 and found.stdout.startswith("c2 ")
    deleted = runner.invoke(cli, [*base, "stories", "delete", "c1"])
    assert deleted.exit_code == 0 and StoryStore.from_settings(settings).count() == 1


@pytest.mark.parametrize("args", [["stories", "delete", "nope"], ["ingest", "stories", "{dir}/leeg.csv"]])
def test_cli_errors_are_one_line_on_stderr(args: list[str], tmp_path: Path, settings: Settings) -> None:
    write(tmp_path / "leeg.csv", b"")
    argv = ["--data-dir", str(settings.data_dir), *(a.replace("{dir}", str(tmp_path)) for a in args)]
    result = CliRunner().invoke(cli, argv)
    assert result.exit_code == 1
    assert result.stderr.startswith("Fout: ") and result.stderr.count("\n") == 1 and " — " in result.stderr
    assert "Traceback" not in result.output
