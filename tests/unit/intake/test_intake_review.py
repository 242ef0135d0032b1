"""Front-desk review: a correction of category, urgency or location becomes ComplaintCorrected."""

from typing import Any

import pytest

from closedloop_intake.domain import NothingToCorrect, Review, UnknownComplaint
from closedloop_shared.events import ComplaintCorrected, Location
from closedloop_shared.vocabulary import Category


def _review(**fields: Any) -> Review:
    values: dict[str, Any] = {"correction_id": "rev-1", "actor": "desk-7", "reason": "misread"}
    return Review(**{**values, **fields})


async def _accepted(scenario, make_submission) -> str:
    accepted = await scenario.intake.accept(
        make_submission(), complaint_id="c-1", correlation_id="c-1"
    )
    scenario.publisher.published.clear()
    return accepted.complaint_id


async def test_review_emits_one_correction_with_parsed_location(scenario, make_submission):
    """A review publishes ComplaintCorrected with the new values and the location parsed."""
    complaint_id = await _accepted(scenario, make_submission)
    await scenario.intake.review(
        complaint_id,
        _review(category=Category.NOISE, urgent=True, location="5号楼1单元0301"),
        visible=lambda site: True,
    )
    [event] = scenario.publisher.published
    assert event.subject == "c-1"
    assert event.payload() == ComplaintCorrected(
        actor="desk-7",
        reason="misread",
        category=Category.NOISE,
        urgent=True,
        location=Location(raw="5号楼1单元0301", building="5", unit="1-0301"),
    )


async def test_same_review_twice_is_applied_once(scenario, make_submission):
    """A retried review (same correction id) publishes nothing new."""
    complaint_id = await _accepted(scenario, make_submission)
    review = _review(category=Category.NOISE)
    await scenario.intake.review(complaint_id, review, visible=lambda site: True)
    await scenario.intake.review(complaint_id, review, visible=lambda site: True)
    assert len(scenario.publisher.published) == 1


async def test_review_of_unknown_or_invisible_complaint_is_refused(scenario, make_submission):
    """A complaint intake never saw, or of a site the reviewer may not see, is unknown."""
    complaint_id = await _accepted(scenario, make_submission)
    with pytest.raises(UnknownComplaint):
        await scenario.intake.review("nope", _review(urgent=True), visible=lambda site: True)
    with pytest.raises(UnknownComplaint):
        await scenario.intake.review(complaint_id, _review(urgent=True), visible=lambda site: False)


async def test_review_that_corrects_nothing_is_refused(scenario, make_submission):
    """A review must change at least one of category, urgent, location."""
    complaint_id = await _accepted(scenario, make_submission)
    with pytest.raises(NothingToCorrect):
        await scenario.intake.review(complaint_id, _review(), visible=lambda site: True)


async def test_review_endpoint_answers_202_404_and_422(client, body):
    """Agents correct their site's complaints; other sites' are 404; an empty review is 422."""
    created = await client.post("/complaints", json=body, headers={"X-API-Key": "agent-a-key"})
    complaint_id = created.json()["complaint_id"]
    path = f"/complaints/{complaint_id}/review"
    ok = await client.post(
        path,
        json={"reason": "wrong type", "category": "noise"},
        headers={"X-API-Key": "agent-a-key"},
    )
    assert ok.status_code == 202
    assert ok.json()["events"] == ["closedloop.complaint.corrected"]
    other = await client.post(
        path, json={"reason": "x", "urgent": True}, headers={"X-API-Key": "agent-b-key"}
    )
    assert other.status_code == 404
    empty = await client.post(path, json={"reason": "x"}, headers={"X-API-Key": "agent-a-key"})
    assert empty.status_code == 422
    viewer = await client.post(
        path, json={"reason": "x", "urgent": True}, headers={"X-API-Key": "viewer-key"}
    )
    assert viewer.status_code == 403
