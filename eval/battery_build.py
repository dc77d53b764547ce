"""All battery questions with their gold, built from the real extracts (DUIDING_REAL_DATA)."""

from __future__ import annotations

from pathlib import Path

from eval.battery_gold import AMS, DH, store_gold
from eval.battery_make import Maker
from eval.battery_model import BQuestion
from eval.battery_multi import multi_section
from eval.battery_questions import city_section


def build_battery(root: Path) -> list[BQuestion]:
    """Den Haag, Amsterdam and the three-city section, in that order; the same list on every run."""
    out = city_section(Maker(store_gold(root, "den_haag"), "den_haag"), DH)
    out += city_section(Maker(store_gold(root, "amsterdam"), "amsterdam"), AMS)
    return out + multi_section(store_gold(root, "multi"))
