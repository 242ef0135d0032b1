"""Which building-wide facility a repair complaint says has failed: lift, water, power or gas.

Simple keyword rules over Chinese, English and pinyin (matched with spaces removed, so `ting dian`
counts). A leak (漏水) is not a water-supply failure and a tripped breaker is one flat's problem,
so neither is listed. When several kinds match, the cause wins over its symptom: power before
water and gas before lift (a power cut stops the lifts).
"""

import re
from typing import Final

from closedloop_shared.vocabulary import FacilityKind

_CHINESE: Final[dict[FacilityKind, tuple[str, ...]]] = {
    FacilityKind.POWER: ("停电", "没电", "断电", "没有电", "电停了", "供电"),
    FacilityKind.WATER: ("停水", "没水", "断水", "没有水", "水停了", "不来水", "供水"),
    FacilityKind.GAS: ("燃气", "煤气", "天然气", "停气"),
    FacilityKind.LIFT: ("电梯", "升降梯", "直梯"),
}

_ENGLISH: Final[dict[FacilityKind, re.Pattern[str]]] = {
    FacilityKind.POWER: re.compile(
        r"\b(power (cut|outage|failure|is (out|off|down))|no (power|electricity)|blackout"
        r"|electricity (is )?(out|off|cut))\b"
    ),
    FacilityKind.WATER: re.compile(
        r"\b(no (running )?water|water (supply|outage|cut|is (off|cut|out))|water (has )?stopped)\b"
    ),
    FacilityKind.GAS: re.compile(r"\b(gas|natural gas)\b"),
    FacilityKind.LIFT: re.compile(r"\b(lifts?|elevators?)\b"),
}

_PINYIN: Final[dict[FacilityKind, tuple[str, ...]]] = {
    FacilityKind.POWER: ("tingdian", "meidian", "duandian"),
    FacilityKind.WATER: ("tingshui", "meishui", "duanshui"),
    FacilityKind.GAS: ("ranqi", "meiqi"),
    FacilityKind.LIFT: ("dianti",),
}

PRECEDENCE: Final = (FacilityKind.POWER, FacilityKind.WATER, FacilityKind.GAS, FacilityKind.LIFT)
"""The order kinds are tried in: causes before the symptoms they produce."""


def facility_kind(description: str) -> FacilityKind | None:
    """The failed building facility `description` names, or None."""
    text = description.lower()
    squashed = re.sub(r"\s+", "", text)
    for kind in PRECEDENCE:
        if any(word in text for word in _CHINESE[kind]):
            return kind
        if _ENGLISH[kind].search(text) or any(word in squashed for word in _PINYIN[kind]):
            return kind
    return None
