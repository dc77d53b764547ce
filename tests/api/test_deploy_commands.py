"""The backup and restore commands of docs/deploy.md, run as written (a shell, tar, the duiding CLI)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from retrieval.stories.store import StoryStore

DUIDING = f"{sys.executable} -c 'from assistant.cli.main import main; main()'"


def _sh(script: str, env: dict[str, str]) -> str:
    done = subprocess.run(["bash", "-euo", "pipefail", "-c", script], capture_output=True, text=True, timeout=300,
                          env={**os.environ, **env, "PYTHONPATH": str(Path(__file__).resolve().parents[2])})
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def test_backup_and_restore_of_the_data_dir(demo_dir: Path, tmp_path: Path) -> None:
    backup, restored = tmp_path / "duiding-backup.tar.gz", tmp_path / "restored"
    env = {"DUIDING_EMBEDDER": "fake", "DUIDING_LLM": "none", "BACKUP": str(backup)}
    # as in docs/deploy.md: one archive of the data dir (figures, stories, tokens); the vectors are rebuilt
    _sh(f'tar -C "{demo_dir}" --exclude=./chroma -czf "$BACKUP" .', env)
    _sh(f'mkdir -p "{restored}" && tar -C "{restored}" -xzf "$BACKUP"', env)
    counted = _sh(f'DUIDING_DATA_DIR="{restored}" {DUIDING} reindex', env)
    stored = StoryStore(demo_dir / "stories").list()
    assert f"{len(stored)} verhalen" in counted
    assert [s.id for s in StoryStore(restored / "stories").list()] == [s.id for s in stored]
    asked = _sh(f'DUIDING_DATA_DIR="{restored}" {DUIDING} ask "Hoeveel inwoners heeft Oosterkade?" --llm none', env)
    original = _sh(f'DUIDING_DATA_DIR="{demo_dir}" {DUIDING} ask "Hoeveel inwoners heeft Oosterkade?" --llm none',
                   env)
    assert asked == original and "Oosterkade" in asked
