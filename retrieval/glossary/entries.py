"""The curated glossary: load and validate it, look terms up, find them in questions and facts."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from assistant.core.errors import BadInputError
from retrieval.glossary.facts import terms_for_facts
from retrieval.glossary.match import TermMatcher, surface_of, tokenize
from retrieval.models import GlossaryEntry

GLOSSARY_PATH = Path(__file__).parents[1] / "data" / "glossary.yaml"
# Keys the YAML may carry besides the model fields; `checks` feeds the arithmetic tests only.
_EXTRA_KEYS = frozenset({"checks"})
_REQUIRED_TEXT = ("term", "definition", "definition_en", "example", "example_en", "mistake", "ask_yourself")


def load_glossary(path: Path | str | None = None) -> list[GlossaryEntry]:
    """Read and validate the glossary; duplicate terms or aliases are an error naming the entry."""
    source = Path(path) if path is not None else GLOSSARY_PATH
    raw = _read_yaml(source)
    entries = [_entry(item, index, source) for index, item in enumerate(raw)]
    _check_unique(entries, source)
    _check_related(entries, source)
    return entries


def _read_yaml(source: Path) -> list[Any]:
    try:
        data = yaml.safe_load(source.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise BadInputError(f"Cannot read the glossary {source}: {exc}", "fix the YAML syntax") from exc
    if not isinstance(data, list):
        raise BadInputError(f"The glossary {source} is not a list of entries", "start each entry with '- term:'")
    return data


def _entry(item: Any, index: int, source: Path) -> GlossaryEntry:
    label = item.get("term", f"#{index + 1}") if isinstance(item, dict) else f"#{index + 1}"
    if not isinstance(item, dict):
        raise BadInputError(f"Glossary entry {label} in {source} is not a mapping", "use 'key: value' lines")
    unknown = set(item) - set(GlossaryEntry.model_fields) - _EXTRA_KEYS
    if unknown:
        raise BadInputError(
            f"Glossary entry '{label}' has unknown keys: {', '.join(sorted(unknown))}",
            f"use only {', '.join(GlossaryEntry.model_fields)}",
        )
    try:
        entry = GlossaryEntry.model_validate({k: v for k, v in item.items() if k not in _EXTRA_KEYS})
    except ValidationError as exc:
        raise BadInputError(f"Glossary entry '{label}' is invalid: {exc}", "fix the entry in the YAML") from exc
    empty = [name for name in _REQUIRED_TEXT if not str(getattr(entry, name)).strip()]
    if empty:
        raise BadInputError(f"Glossary entry '{label}' has empty fields: {', '.join(empty)}", "fill them in")
    return entry


def _check_unique(entries: Sequence[GlossaryEntry], source: Path) -> None:
    """Every spelling must lead to one entry, else matching a question would be ambiguous."""
    owner: dict[str, str] = {}
    for entry in entries:
        seen: set[str] = set()
        for form in [entry.term, *entry.aliases]:
            plain, key = " ".join(tokenize(form)), surface_of(entry.term, form).key
            if not key:
                raise BadInputError(f"Glossary entry '{entry.term}': '{form}' has no words to match", f"fix {source}")
            if plain in seen:
                raise BadInputError(f"Glossary entry '{entry.term}' lists '{form}' twice", f"fix {source}")
            seen.add(plain)
            other = owner.setdefault(key, entry.term)
            if other != entry.term:
                raise BadInputError(
                    f"Glossary entry '{entry.term}': '{form}' is already a term or alias of '{other}'",
                    f"keep it in one entry in {source}",
                )


def _check_related(entries: Sequence[GlossaryEntry], source: Path) -> None:
    terms = {entry.term for entry in entries}
    for entry in entries:
        missing = [name for name in entry.related if name not in terms]
        if missing:
            raise BadInputError(
                f"Glossary entry '{entry.term}' relates to unknown terms: {', '.join(missing)}",
                f"use the exact term names from {source}",
            )


class Glossary:
    """Look-up, term matching and term choice over a validated list of entries."""

    def __init__(self, entries: Sequence[GlossaryEntry]) -> None:
        self._entries = {entry.term: entry for entry in entries}
        self._matcher = TermMatcher({e.term: [e.term, *e.aliases] for e in entries})

    @classmethod
    def load(cls, path: Path | str | None = None) -> Glossary:
        return cls(load_glossary(path))

    def __iter__(self) -> Iterator[GlossaryEntry]:
        return iter(self._entries.values())

    def __len__(self) -> int:
        return len(self._entries)

    @property
    def terms(self) -> list[str]:
        return list(self._entries)

    def get(self, term_or_alias: str) -> GlossaryEntry | None:
        """The entry for a term or alias, ignoring case, accents, hyphens and plural endings."""
        term = self._matcher.lookup(term_or_alias)
        return self._entries[term] if term is not None else None

    def match(self, text: str) -> list[str]:
        """Canonical terms mentioned in a question, in order of first mention."""
        return self._matcher.match(text)

    def for_facts(self, facts: Iterable[object]) -> list[str]:
        """Terms an answer built on these facts should explain; see glossary_facts for the rules."""
        return [term for term in terms_for_facts(facts, self.match) if term in self._entries]

    def entries(self, terms: Iterable[str]) -> list[GlossaryEntry]:
        """The entries for canonical terms, skipping unknown ones (handy after match/for_facts)."""
        return [self._entries[term] for term in terms if term in self._entries]
