"""Channels beyond the owner app: staff on site with photo references."""

import pytest
from pydantic import ValidationError

from closedloop_shared.inbound import ComplaintSubmission


def _staff_body(**overrides):
    body = {
        "site_id": "site-a",
        "location": "5栋",
        "channel": "on_site_staff",
        "reporter": {"staff_id": "eng-204"},
        "description": "巡检发现地下车库水管渗水",
        "attachments": [
            "s3://inspections/p1.jpg",
            "https://cdn.example/p/2.jpg",
            "inspections/3.png",
        ],
    }
    return {**body, **overrides}


def test_staff_report_with_photo_references_is_valid():
    """A staff id is enough to reach the reporter; URLs and object keys are accepted."""
    submission = ComplaintSubmission.model_validate(_staff_body())
    assert submission.reporter.staff_id == "eng-204"
    assert len(submission.attachments) == 3


@pytest.mark.parametrize(
    "attachment",
    ["data:image/png;base64,iVBORw0KGgo=", "has spaces.jpg", "x" * 501],
)
def test_attachment_must_be_a_reference_not_bytes(attachment: str):
    """Inline bytes (data: URIs), free text and oversize references are refused."""
    with pytest.raises(ValidationError):
        ComplaintSubmission.model_validate(_staff_body(attachments=[attachment]))


def test_at_most_ten_attachments():
    """More than ten photo references are refused."""
    with pytest.raises(ValidationError):
        ComplaintSubmission.model_validate(
            _staff_body(attachments=[f"p/{i}.jpg" for i in range(11)])
        )


async def test_staff_report_is_received_with_its_attachments(client, scenario):
    """The ComplaintReceived of a staff report carries the photo references."""
    staff = _staff_body()
    response = await client.post("/complaints", json=staff, headers={"X-API-Key": "agent-a-key"})
    assert response.status_code == 201, response.text
    [event] = scenario.publisher.published
    assert event.data["channel"] == "on_site_staff"
    assert event.data["attachments"] == staff["attachments"]
