"""Importing this module registers every check on LLM text (see assistant/check/base.py), in order."""

from assistant.check import numbers  # noqa: F401, I001  (registers first: number problems lead the retry prompt)
from assistant.check import attribution  # noqa: F401
from assistant.check import judgements  # noqa: F401
from assistant.check import guards  # noqa: F401
