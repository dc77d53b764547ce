"""LLM backends: one module each, registered in assistant/llm/backends.py; prompts and status."""
