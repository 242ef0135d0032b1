"""The view takes a reviewer's corrections and leaves the review queue."""

from datetime import timedelta

from closedloop_projection.domain import apply
from closedloop_shared.events import ComplaintCorrected, Location
from closedloop_shared.vocabulary import Category


def test_correction_updates_category_urgency_location_and_clears_review(envelope, full_loop):
    """Corrected values replace the classified ones; the correction is listed with its reason."""
    received = full_loop[0]
    payload = received.payload()
    assert payload is not None
    view = apply(None, received, payload)
    assert view is not None
    data = ComplaintCorrected(
        actor="desk-7",
        reason="owner called back",
        category=Category.NOISE,
        urgent=True,
        location=Location(raw="5栋0301", building="5", unit="0301"),
    )
    corrected = apply(view, envelope(data, timedelta(minutes=3)), data)
    assert corrected is not None
    assert (corrected.category, corrected.urgent) == (Category.NOISE, True)
    assert corrected.location.building == "5"
    assert corrected.needs_review is False
    assert [c.reason for c in corrected.corrections] == ["owner called back"]
    assert corrected.stage == view.stage
