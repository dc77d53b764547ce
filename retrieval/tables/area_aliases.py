"""Everyday names for CBS areas: the shipped table (data/area_aliases.yaml) plus a user's file in the data dir."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from assistant.core.errors import BadInputError
from retrieval.tables.area_parts import normalize as _norm

SHIPPED = Path(__file__).resolve().parents[1] / "data" / "area_aliases.yaml"
USER_FILE = "area_aliases.yaml"  # in the data dir


@lru_cache(maxsize=8)
def _entries(path: Path, mtime: float) -> tuple[tuple[str, tuple[str, ...], str], ...]:
    """(alias, means, gemeente) per entry; cached per file version."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise BadInputError(key="aliases.unreadable", file=path, detail=exc) from exc
    out = []
    for i, e in enumerate(data.get("aliases") or [], start=1):
        if not isinstance(e, dict) or not e.get("alias") or not e.get("means") or not e.get("gemeente"):
            raise BadInputError(key="aliases.incomplete", file=path, n=i)
        means = e["means"] if isinstance(e["means"], list) else [e["means"]]
        out.append((str(e["alias"]), tuple(str(m) for m in means), str(e["gemeente"]).upper()))
    return tuple(out)


def alias_entries(user_file: Path | None) -> list[tuple[str, tuple[str, ...], str]]:
    files = [SHIPPED] + ([user_file] if user_file is not None and user_file.is_file() else [])
    return [e for f in files for e in _entries(f, f.stat().st_mtime)]


def load_aliases(user_file: Path | None, by_name: dict[str, list[Any]],
                 gemeente: dict[str, str]) -> dict[str, list[Any]]:
    """normalized alias -> the loaded areas it means, each within the alias's own gemeente."""
    out: dict[str, list[Any]] = {}
    for alias, means, gm in alias_entries(user_file):
        refs = [r for m in means for r in by_name.get(_norm(m), []) if gemeente.get(r.code) == gm]
        if refs:
            out.setdefault(_norm(alias), []).extend(r for r in refs if r not in out.get(_norm(alias), []))
    return out


