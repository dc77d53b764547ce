"""Dutch and English number formatting. Every number a user sees goes through here."""

from __future__ import annotations

import math

UNIT_NL = {
    "percent": "%", "per_1000": "per 1.000", "count": "", "euro_x1000": "euro", "average": "",
    "kwh": "kWh", "m3": "m³", "km": "km", "ha": "ha", "per_km2": "per km²", "per_household": "per huishouden",
    "code": "", "index": "", "score": "",
}
UNIT_EN = {**UNIT_NL, "per_1000": "per 1,000", "per_household": "per household"}


def fmt_plain(value: float, decimals: int = 0, lang: str = "nl") -> str:
    """1234567.891 -> '1.234.567,9' (nl) or '1,234,567.9' (en)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    text = f"{abs(value):,.{decimals}f}"
    if lang == "nl":
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return ("-" if round(value, decimals) < 0 else "") + text


def fmt_value(value: float, unit: str, decimals: int = 0, lang: str = "nl") -> str:
    """A value with its unit: '10,8%', '71 per 1.000', '€ 241.000', '537.833'."""
    if unit == "euro_x1000":
        return f"€ {fmt_plain(value * 1000, max(decimals - 3, 0), lang)}"
    num = fmt_plain(value, decimals, lang)
    if unit == "percent":
        return f"{num}%"
    label = (UNIT_NL if lang == "nl" else UNIT_EN).get(unit, "")
    return f"{num} {label}".strip()


def fmt_diff(diff: float, unit: str, decimals: int = 0, lang: str = "nl") -> str:
    """A difference in the right unit: '+0,7 procentpunt', '-12 per 1.000', '+1.250'."""
    sign = "+" if round(diff, decimals) > 0 else ""
    if unit == "percent":
        word = "procentpunt" if lang == "nl" else "percentage points"
        return f"{sign}{fmt_plain(diff, decimals, lang)} {word}"
    return sign + fmt_value(diff, unit, decimals, lang)


def fmt_pct(value: float, decimals: int = 0, lang: str = "nl") -> str:
    return f"{fmt_plain(value, decimals, lang)}%"
