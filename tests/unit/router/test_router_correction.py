"""A corrected category re-routes an owned complaint to the department the rules now name."""

from closedloop_shared.events import ComplaintAssigned, ComplaintCorrected
from closedloop_shared.vocabulary import Category, Stage


async def test_corrected_category_transfers_an_owned_complaint(scenario):
    """Repair corrected to noise while on site: the complaint moves to customer service."""
    await scenario.receive(Category.REPAIR)
    scenario.publisher.published.clear()
    correction = ComplaintCorrected(actor="desk", reason="it is noise", category=Category.NOISE)
    await scenario.router.on_event(scenario.envelope(correction))
    [event] = scenario.publisher.published
    moved = event.payload()
    assert isinstance(moved, ComplaintAssigned)
    assert (moved.department, moved.transferred_from) == ("customer_service", "engineering")
    assert scenario.state().stage is Stage.ON_SITE
    assert scenario.state().category is Category.NOISE


async def test_correction_that_keeps_the_department_moves_nothing(scenario):
    """Noise corrected to service_attitude: same department, no transfer."""
    await scenario.receive(Category.NOISE)
    scenario.publisher.published.clear()
    correction = ComplaintCorrected(
        actor="desk", reason="staff", category=Category.SERVICE_ATTITUDE
    )
    await scenario.router.on_event(scenario.envelope(correction))
    assert scenario.publisher.published == []
    assert scenario.state().category is Category.SERVICE_ATTITUDE


async def test_urgency_correction_alone_moves_nothing(scenario):
    """Only the category decides the department."""
    await scenario.receive(Category.REPAIR)
    scenario.publisher.published.clear()
    await scenario.router.on_event(
        scenario.envelope(ComplaintCorrected(actor="desk", reason="danger", urgent=True))
    )
    assert scenario.publisher.published == []
    assert scenario.state().urgent is True
