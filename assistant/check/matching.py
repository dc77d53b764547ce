"""Match one claim to the fact numbers it may come from, under the checker's rounding rule.

Rounding rule (one rule, everywhere): a fact number is first rounded to its own decimals, which is what
the fact sentence shows. A writer may repeat it exactly, or round it to fewer decimals, rounding half away
from zero (never banker's rounding): 10.8 → "11%" passes, "10%" fails; 12.5 → "13%" passes, "12%" fails.
More decimals than the fact has pass only when they add nothing ("10,80%" for 10.8).
"drie op de tien"/"de helft" pass within 2.5 percentage points; "twee keer zo hoog" passes when
value/reference rounds to the ratio at one decimal (1.95–2.05), because "twice" for 1.6 misleads.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from assistant.check.claim_words import BOUND_OVER_RE, BOUND_UNDER_RE
from assistant.check.claims import Claim, ClaimUnit
from assistant.schemas import Fact, FactNumber

FRACTION_TOLERANCE = Decimal("2.5")
RATIO_STEP = Decimal("0.1")
# Roles that hold a difference in the fact's unit: for a percentage that unit is the procentpunt.
DIFFERENCE_ROLES = frozenset({"difference", "change", "per_year"})


@dataclass(frozen=True)
class Hit:
    fact: Fact
    number: FactNumber | None  # None for a ratio or a story-pattern share
    shown: Decimal  # the value the claim was matched against, as the fact shows it


def find(claim: Claim, facts: Sequence[Fact], strict: bool) -> Hit | None:
    """The first fact number the claim matches; strict also demands a unit the claim may use for it."""
    for fact in facts:
        for number in fact.numbers:
            if (not strict or unit_ok(claim.unit, number)) and matches(claim, number):
                return Hit(fact, number, abs(display(number)[0]))
        if claim.unit == "ratio":
            step = min(dec(claim.step), RATIO_STEP)
            ratio = next((r for r in ratios(fact) if round_half_away(r, step) == dec(claim.value)), None)
            if ratio is not None:
                return Hit(fact, None, ratio)
        if claim.fraction:
            share = next((s for s in shares(fact) if abs(s - dec(claim.value)) <= FRACTION_TOLERANCE), None)
            if share is not None:
                return Hit(fact, None, share)
    return None


def bound_problem(claim: Claim, hit: Hit, prefix: str) -> str:
    """'ruim 11%', 'bijna de helft': a bound word may only tighten a match, never loosen it."""
    written = abs(dec(claim.value))
    over, under = BOUND_OVER_RE.search(prefix), BOUND_UNDER_RE.search(prefix)
    wrong = over if over and hit.shown <= written else under if under and hit.shown >= written else None
    if wrong is not None:
        shown = format(hit.shown.normalize(), "f").replace(".", ",")
        return f"{wrong.group().strip()} {claim.raw}: klopt niet, [{hit.fact.id}] zegt {shown}"
    return ""


def unit_ok(unit: ClaimUnit, n: FactNumber) -> bool:
    match unit:
        case "percent":
            return (n.unit == "percent" and n.role not in DIFFERENCE_ROLES) or n.role == "relative"
        case "pp":
            return n.unit == "percent" and n.role in DIFFERENCE_ROLES
        case "per_1000":
            return n.unit == "per_1000" and n.role != "relative"
        case "euro":
            return n.unit == "euro_x1000"
        case "rank":
            return n.role == "rank"
        case "ratio":
            return False
        case _:
            return True  # a plain number: the writer named no unit that could be wrong


def matches(claim: Claim, number: FactNumber) -> bool:
    shown, fact_step = display(number)
    if claim.fraction:
        return unit_ok("percent", number) and abs(shown - dec(claim.value)) <= FRACTION_TOLERANCE
    for value, step in claim.readings():
        written, written_step = dec(value), dec(step)
        target = shown if claim.signed else abs(shown)
        written = written if claim.signed else abs(written)
        if written == target or (written_step >= fact_step and round_half_away(target, written_step) == written):
            return True
    return False


def display(number: FactNumber) -> tuple[Decimal, Decimal]:
    """The fact number as its sentence shows it, in the unit a writer uses (euros, not x1000)."""
    scale = 1000 if number.unit == "euro_x1000" else 1
    step = Decimal(1).scaleb(-number.decimals) * scale
    return round_half_away(dec(number.value) * scale, step), step


def ratios(fact: Fact) -> list[Decimal]:
    roles = {n.role: display(n)[0] for n in fact.numbers}
    value, reference = roles.get("value"), roles.get("reference")
    if not value or not reference:
        return []
    return [value / reference, reference / value]


def shares(fact: Fact) -> list[Decimal]:
    """A story pattern '12 of 30 stories' may be written as 'vier op de tien verhalen'."""
    of = [n for n in fact.numbers if n.role == "of"]
    parts = [n for n in fact.numbers if n.role != "of"]
    if fact.kind != "pattern" or not of or not parts or not of[0].value:
        return []
    return [dec(parts[0].value) * 100 / dec(of[0].value)]


def describe(number: FactNumber) -> str:
    if number.role in DIFFERENCE_ROLES:
        label = {"percent": "procentpunt", "per_1000": "per 1.000", "euro_x1000": "euro"}.get(number.unit, "")
        return f"een verschil in {label}" if label else "een verschil"
    if number.role == "relative":
        return "een relatief verschil in procent"
    return {"percent": "een percentage", "per_1000": "een aantal per 1.000", "euro_x1000": "een bedrag in euro"
            }.get(number.unit, "een aantal" if number.role != "rank" else "een plaats in de ranglijst")


def dec(value: float) -> Decimal:
    return Decimal(str(value))


def round_half_away(value: Decimal, step: Decimal) -> Decimal:
    """Round to a multiple of step, half away from zero."""
    return (value / step).quantize(Decimal(1), rounding=ROUND_HALF_UP) * step
