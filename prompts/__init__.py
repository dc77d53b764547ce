"""Prompt templates (markdown with $variables); loaded by assistant/prompting.py."""
