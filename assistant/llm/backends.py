"""LLM backends. Importing this module registers every backend shipped with Duiding.

A new backend is one module with a class that has `stream(messages)` and `available()` and one
`registry.register("llm", ...)` call, plus its import line here.
"""

from assistant.core import registry
from assistant.llm import embedded, ollama, openai_compat  # noqa: F401  (each registers itself)
from assistant.llm.base import BackendStatus, FakeLLM

registry.register("llm", "none", lambda settings: None, help="facts answer only, no language model",
                  status=lambda s: BackendStatus("none", True, "facts answer only, no language model",
                                                 "DUIDING_LLM=none"))
registry.register("llm", "fake", lambda settings: FakeLLM(), help="scripted test model",
                  status=lambda s: BackendStatus("fake", True, "scripted test model, for tests and demos",
                                                 "DUIDING_LLM=fake"))
