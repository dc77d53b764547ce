"""Checks on LLM text: one Check protocol (base.py), registered in registered.py and run by gate.py."""
