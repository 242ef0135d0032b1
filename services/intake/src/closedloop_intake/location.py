"""Parse free-form building/unit text (`3栋2单元1202`, `Block B unit 1504`, `B-1504`).

The raw text is always kept; structured fields are filled only when a pattern matches.
"""

import re

from pydantic import ValidationError

from closedloop_shared.events import Location

_ZH = re.compile(
    # A bare 号 names a building only when no 院 (compound) follows: 88号院3栋 is building 3.
    r"(?P<building>[0-9A-Za-z]{1,10})\s*(?:栋|号楼|幢|座|号(?!院))"
    r"(?:\s*(?P<entrance>[0-9]{1,3})\s*单元)?"
    r"(?:\s*(?P<unit>[0-9]{3,5})\s*(?:室|号)?)?"
)
_EN = re.compile(
    r"\b(?:block|building|bldg|tower)\b\s*(?P<building>[0-9A-Za-z]{1,10})\b"
    r"(?:[\s,]*(?:unit|flat|room|apt|#)\s*(?P<unit>[0-9A-Za-z]{1,10}))?",
    re.IGNORECASE,
)
_SHORT = re.compile(r"^\s*(?P<building>[A-Za-z0-9]{1,3})\s*[-/]\s*(?P<unit>[0-9]{3,5})\s*$")


def parse_location(raw: str) -> Location:
    """Structured building and unit from `raw`, or only the raw text when nothing matches."""
    text = raw.strip()
    for pattern in (_ZH, _EN, _SHORT):
        match = pattern.search(text)
        if match is None:
            continue
        building = match.group("building")
        unit = match.group("unit")
        entrance = match.groupdict().get("entrance")
        if unit and entrance:
            unit = f"{entrance}-{unit}"
        try:
            return Location(raw=text, building=building.upper(), unit=unit)
        except ValidationError:
            break  # an implausible match: keep the raw text only, for front-desk review
    return Location(raw=text)
