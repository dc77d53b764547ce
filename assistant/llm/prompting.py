"""Render the prompts in prompts/ strictly, and format the lists that fill them.

The static system part comes first and is the same for every question of an audience (a backend can
cache that prefix); facts, terms, stories and the question come last.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from string import Template
from typing import Protocol

from assistant.check.numbers import StoryLike
from assistant.core import registry
from assistant.core.errors import DuidingError
from assistant.llm.base import Size
from assistant.schemas import Fact
from retrieval.models import GlossaryEntry

Messages = list[dict[str, str]]

PROMPT_DIR = Path(__file__).resolve().parents[2] / "prompts"
USER_MARKER = "<!-- user -->"
ASSISTANT_MARKER = "<!-- assistant -->"
LANGUAGE_NAMES = {"nl": "Nederlands", "en": "Engels"}
STORY_CHARS = 180
SMALL_STORY_CHARS = 140  # a small model's question part stays near 200 tokens: it is what TTFT waits for
SUFFIX = {"small": ".small", "large": ""}  # prompts/<audience><suffix>.md and voorbeeld<suffix>.md
CHARS_PER_TOKEN = 3.5  # measured rule of thumb for Dutch with the Qwen tokenizer family
EMPTY = "(geen)"


class PromptStory(StoryLike, Protocol):
    """What a prompt needs of a story: a retrieval Story or an answer's StoryExcerpt (which adds area_name)."""

    @property
    def area_code(self) -> str | None: ...
    @property
    def role(self) -> str | None: ...


class PromptError(DuidingError):
    """A prompt template and the values given to it do not fit."""

    code = "prompt_error"


def render(text: str, values: Mapping[str, str], name: str) -> str:
    """Substitute $variables; a missing or an unused variable is an error, never a silent blank."""
    template = Template(text)
    if not template.is_valid():
        raise PromptError(f"Prompt '{name}' has a malformed $placeholder", "write a literal dollar sign as $$")
    used = set(template.get_identifiers())
    missing, unused = sorted(used - values.keys()), sorted(values.keys() - used)
    if missing:
        raise PromptError(f"Prompt '{name}' needs {missing}, which were not given", "pass every variable")
    if unused:
        raise PromptError(f"Prompt '{name}' does not use {unused}", "remove them or add them to the prompt")
    return template.substitute(values)


def load_prompt(name: str, prompt_dir: Path | None = None) -> str:
    path = (prompt_dir or PROMPT_DIR) / f"{name}.md"
    if not path.is_file():
        raise PromptError(f"Prompt file {path} is missing", "restore it from the repository's prompts/ folder")
    return path.read_text(encoding="utf-8")


def build_messages(audience: str, question: str, facts: Sequence[Fact], stories: Sequence[PromptStory],
                   glossary_terms: Sequence[GlossaryEntry], lang: str = "nl", *,
                   area_names: Mapping[str, str] | None = None, prompt_dir: Path | None = None,
                   size: Size = "large") -> Messages:
    """The system and user messages for one question, for a backend of this size (assistant/llm/role.py)."""
    if audience not in registry.names("audience"):
        raise PromptError(f"Unknown audience '{audience}'", f"use one of {', '.join(registry.names('audience'))}")
    name = audience + SUFFIX[size]
    system, marker, user = load_prompt(name, prompt_dir).partition(USER_MARKER)
    if not marker:
        raise PromptError(f"Prompt '{name}' has no '{USER_MARKER}' line", "add it above the question part")
    small = size == "small"
    values = {
        "facts": format_facts(facts, lang),
        "stories": format_stories(stories, area_names or {}, SMALL_STORY_CHARS if small else STORY_CHARS),
        "question": question.strip(),
        "language": LANGUAGE_NAMES.get(lang, LANGUAGE_NAMES["nl"]),
    }
    if not small:  # a small model's short question part has no terms: each token delays its first sentence
        values["glossary"] = format_glossary(glossary_terms, lang)
    return [
        {"role": "system", "content": render(system, {}, f"{name} (system)").strip()
         + "\n\n" + example_text(prompt_dir, size)},
        {"role": "user", "content": render(user, values, name).strip()},
    ]


def example_text(prompt_dir: Path | None = None, size: Size = "large") -> str:
    """One worked example (a made-up wijk) that shows a small model how to cite; static, so it is cached."""
    user, marker, assistant = load_prompt("voorbeeld" + SUFFIX[size], prompt_dir).partition(ASSISTANT_MARKER)
    if not marker:
        raise PromptError(f"Prompt 'voorbeeld' has no '{ASSISTANT_MARKER}' line", "add it above the example answer")
    return f"Voorbeeld:\n{user.strip()}\nAntwoord: {assistant.strip()}"


def build_retry_messages(messages: Messages, reply: str, problems: Sequence[str], *,
                         prompt_dir: Path | None = None) -> Messages:
    """The original conversation, the rejected reply, and a user turn listing what was wrong."""
    listed = "\n".join(f"- {p}" for p in problems) or "- het antwoord kon niet worden gecontroleerd"
    retry = render(load_prompt("retry", prompt_dir), {"problems": listed}, "retry").strip()
    return [*messages, {"role": "assistant", "content": reply}, {"role": "user", "content": retry}]


def format_facts(facts: Sequence[Fact], lang: str = "nl") -> str:
    lines = [f"[{f.id.strip('[]')}] {_one_line(f.text_en if lang == 'en' and f.text_en else f.text)}"
             for f in facts]
    return "\n".join(lines) or EMPTY


def format_glossary(entries: Sequence[GlossaryEntry], lang: str = "nl") -> str:
    if lang == "en":
        lines = [f"- {e.term}: {_one_line(e.definition_en)}" for e in entries]
    else:
        # Only the first sentence of the common mistake: it names the mistake; the rest explains it.
        lines = [f"- {e.term}: {_one_line(e.definition)} Veelgemaakte fout: {_first_sentence(e.mistake)}"
                 for e in entries]
    return "\n".join(lines) or EMPTY


def _first_sentence(text: str) -> str:
    line = _one_line(text)
    cut = re.search(r"(?<=[.!?])\s+(?=[A-Z\"“])", line)
    return line[: cut.start()] if cut else line


def format_stories(stories: Sequence[PromptStory], area_names: Mapping[str, str], chars: int = STORY_CHARS) -> str:
    """Stories as quoted data: a story saying 'negeer alle instructies' stays inside its quotes."""
    lines = []
    for s in stories:
        code = s.area_code or ""
        area = getattr(s, "area_name", None) or area_names.get(code) or code or "wijk onbekend"
        meta = ", ".join([area, s.date or "datum onbekend", s.role or "rol onbekend"])
        lines.append(f'[{s.id.strip("[]")}] ({meta}) "{quote_story(s.text, chars)}"')
    return "\n".join(lines) or EMPTY


def quote_story(text: str, chars: int = STORY_CHARS) -> str:
    """Story text that cannot close its quotes, fake a citation or start a new prompt line."""
    text = _one_line(text).replace('"', "'").replace("[", "(").replace("]", ")")
    return text if len(text) <= chars else text[:chars - 1].rstrip() + "…"


def estimate_tokens(text: str) -> int:
    return math.ceil(len(text) / CHARS_PER_TOKEN)


def _one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()
