"""Follow-ups (催办) and incidents: intake's pure decisions about repeated and shared reports.

Follow-up: a submission by the same reporter about the same unit (site + building + unit when the
location was parsed, else the raw text) and the same category, contacted within the follow-up
window of an open (not closed) complaint's contact, is that complaint's follow-up: no complaint is
created and the owner is told the existing id. The window runs from the open complaint's contact.

Incident: repair complaints naming the same failed facility (see `facility`) in one building
(site + building) are that building's facility reports. When a report comes from another unit
than a report still unresolved within the incident window, the two open an incident: the earliest
unlinked report leads it, every unlinked report in the window becomes a member, and later reports
within the window of the lead's contact join it at receipt. A report without a unit counts as its
reporter's own unit. The incident id derives from site, building, kind and the lead's contact
time, so whoever opens it names it alike.

Both decisions read a small index kept under a key that is the document's `_id`
(`follow_up_key`, `FacilityReport.key`), so each lookup is one exact `_id` find.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from pydantic import BaseModel, ConfigDict

from closedloop_intake.facility import facility_kind
from closedloop_shared.envelope import derive_id
from closedloop_shared.events import ComplaintReceived, IncidentLink
from closedloop_shared.model import AwareDatetime
from closedloop_shared.vocabulary import Category, FacilityKind


class OpenEntry(BaseModel):
    """An open complaint in the follow-up index."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    reported_at: AwareDatetime


def follow_up_key(site_id: str, received: ComplaintReceived) -> str:
    """Reporter, place and category: what two submissions share when one chases the other."""
    location = received.location
    if location.building is not None:
        where = f"{location.building}|{location.unit or ''}"
    else:
        where = "raw:" + " ".join(location.raw.lower().split())
    return "|".join((site_id, where, received.category, received.reporter_ref))


def follow_up_target(
    open_complaints: Mapping[str, OpenEntry],
    *,
    reported_at: datetime,
    window: timedelta,
    exclude: str,
) -> str | None:
    """The open complaint a contact at `reported_at` follows up (the latest in the window)."""
    near = [
        (entry.reported_at, complaint_id)
        for complaint_id, entry in open_complaints.items()
        if complaint_id != exclude and abs(reported_at - entry.reported_at) <= window
    ]
    return max(near)[1] if near else None


class Report(BaseModel):
    """A facility report in its building's index: which unit, when, and its incident if any."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    unit: str
    at: AwareDatetime
    incident_id: str | None = None
    lead: str | None = None
    """The incident's lead complaint; equal to the report's own id for the lead."""


@dataclass(frozen=True)
class FacilityReport:
    """A received complaint that names a failed building facility."""

    site_id: str
    building: str
    kind: FacilityKind
    complaint_id: str
    unit: str
    at: datetime

    @property
    def key(self) -> str:
        """The `_id` of its building's facility-report index for this kind."""
        return f"{self.site_id}|{self.building}|{self.kind}"

    def entry(self, link: IncidentLink | None = None) -> Report:
        """This report as an index entry, in `link`'s incident if given."""
        return Report(
            unit=self.unit,
            at=self.at,
            incident_id=link.incident_id if link else None,
            lead=link.lead_complaint_id if link else None,
        )


def facility_report(
    site_id: str, complaint_id: str, received: ComplaintReceived
) -> FacilityReport | None:
    """The facility report `received` is, or None (not a repair, no building, no facility)."""
    building = received.location.building
    if received.category is not Category.REPAIR or building is None:
        return None
    kind = facility_kind(received.description)
    if kind is None:
        return None
    return FacilityReport(
        site_id=site_id,
        building=building,
        kind=kind,
        complaint_id=complaint_id,
        unit=received.location.unit or f"?{received.reporter_ref}",
        at=received.reported_at,
    )


def incident_id_for(site_id: str, building: str, kind: FacilityKind, window_start: datetime) -> str:
    """The incident of one facility of one building, from its lead's contact time."""
    return derive_id("incident", site_id, building, kind, window_start.isoformat())


@dataclass(frozen=True)
class Opening:
    """An incident the new report opens: its lead and the earlier reports it links."""

    incident_id: str
    lead: str
    window_start: datetime
    linked: tuple[str, ...]
    """Earlier reports other than the lead, linked to the incident now."""


@dataclass(frozen=True)
class Placement:
    """Where a new facility report goes: its incident (if any) and the index changes."""

    link: IncidentLink | None
    opening: Opening | None
    writes: dict[str, Report]
    drop: tuple[str, ...]
    """Entries too old to matter to any later report."""


def place(reports: Mapping[str, Report], new: FacilityReport, window: timedelta) -> Placement:
    """Join the live incident, open one with the other units' reports, or just record `new`."""
    others = {cid: r for cid, r in reports.items() if cid != new.complaint_id}
    drop = tuple(sorted(cid for cid, r in others.items() if r.at < new.at - 2 * window))
    near = {cid: r for cid, r in others.items() if abs(new.at - r.at) <= window}
    leads = sorted((r.at, cid) for cid, r in near.items() if r.incident_id and r.lead == cid)
    if leads:
        lead = leads[-1][1]
        incident_id = near[lead].incident_id
        assert incident_id is not None  # noqa: S101 - leads were chosen for having one
        link = IncidentLink(incident_id=incident_id, lead_complaint_id=lead, kind=new.kind)
        return Placement(link, None, {new.complaint_id: new.entry(link)}, drop)
    free = {cid: r for cid, r in near.items() if r.incident_id is None}
    if all(r.unit == new.unit for r in free.values()):
        return Placement(None, None, {new.complaint_id: new.entry()}, drop)
    window_start, lead = min((r.at, cid) for cid, r in free.items())
    incident_id = incident_id_for(new.site_id, new.building, new.kind, window_start)
    link = IncidentLink(incident_id=incident_id, lead_complaint_id=lead, kind=new.kind)
    writes = {
        cid: r.model_copy(update={"incident_id": incident_id, "lead": lead})
        for cid, r in free.items()
    }
    writes[new.complaint_id] = new.entry(link)
    linked = tuple(sorted(cid for cid in free if cid != lead))
    return Placement(link, Opening(incident_id, lead, window_start, linked), writes, drop)
