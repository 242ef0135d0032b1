"""Intake's duplicate index, on the in-memory fake and on the real MongoDB server alike."""

import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest

from closedloop_intake.adapters.mongo import MongoDuplicateIndex
from closedloop_intake.duplicates import OpenEntry, Report
from closedloop_intake.index import DuplicateIndex, InMemoryDuplicateIndex
from closedloop_shared.store import mongo_client

pytestmark = pytest.mark.integration

T0 = datetime(2026, 11, 27, 9, 0, 0, 123456, tzinfo=UTC)
KEY = "site-a|3|2-1202|repair|r-1"


@pytest.fixture(params=["fake", "mongodb"])
async def index(request: pytest.FixtureRequest) -> AsyncIterator[DuplicateIndex]:
    """Each test runs once on the fake and once on fresh collections of the real server."""
    if request.param == "fake":
        yield InMemoryDuplicateIndex()
        return
    infra = request.getfixturevalue("infra")
    client = mongo_client(infra.mongodb)
    db = client["closedloop_it"]
    suffix = uuid.uuid4().hex[:10]
    opened, reports = db[f"open_{suffix}"], db[f"reports_{suffix}"]
    yield MongoDuplicateIndex(opened, reports)
    await opened.drop()
    await reports.drop()
    await client.close()


async def test_open_complaints_are_added_and_removed_by_id(index: DuplicateIndex) -> None:
    """Entries come back with full precision; removing one leaves the other."""
    await index.add_open(KEY, "c-1", OpenEntry(reported_at=T0))
    await index.add_open(KEY, "c-2", OpenEntry(reported_at=T0 + timedelta(days=1)))
    await index.remove_open(KEY, "c-1")
    assert await index.open_complaints(KEY) == {
        "c-2": OpenEntry(reported_at=T0 + timedelta(days=1))
    }


async def test_removing_twice_or_from_an_unknown_key_is_harmless(index: DuplicateIndex) -> None:
    """Redelivered removals are no-ops."""
    await index.add_open(KEY, "c-1", OpenEntry(reported_at=T0))
    await index.remove_open(KEY, "c-1")
    await index.remove_open(KEY, "c-1")
    await index.remove_open("nowhere", "c-1")
    await index.remove_report("nowhere", "c-1")
    assert await index.open_complaints(KEY) == {}
    assert await index.facility_reports("nowhere") == {}


async def test_complaint_ids_with_dots_and_dollars_are_stored_as_given(
    index: DuplicateIndex,
) -> None:
    """An id MongoDB would read as a path or an operator still round-trips."""
    await index.add_open(KEY, "$a.b%2E", OpenEntry(reported_at=T0))
    assert list(await index.open_complaints(KEY)) == ["$a.b%2E"]


async def test_reports_are_put_whole_and_old_ones_dropped(index: DuplicateIndex) -> None:
    """A placement's writes replace whole entries and its drops forget old ones."""
    key = "site-a|3|lift"
    await index.put_reports(key, {"c-old": Report(unit="1-0101", at=T0 - timedelta(hours=9))})
    await index.put_reports(key, {"c-1": Report(unit="2-1202", at=T0)})
    linked = Report(unit="2-1202", at=T0, incident_id="i-1", lead="c-1")
    await index.put_reports(
        key,
        {"c-1": linked, "c-2": Report(unit="1-0501", at=T0, incident_id="i-1", lead="c-1")},
        drop=["c-old"],
    )
    await index.remove_report(key, "c-2")
    assert await index.facility_reports(key) == {"c-1": linked}
