"""Store helpers for tests."""

from __future__ import annotations

from pathlib import Path


def tree_digest(root: Path) -> dict[str, str]:
    """sha256 of every file under root, to prove a rejected import changed nothing."""
    import hashlib

    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*")) if p.is_file() and p.name != ".lock"
    }
