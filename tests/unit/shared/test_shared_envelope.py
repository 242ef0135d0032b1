"""The CloudEvents envelope: derived ids, the chain of causes, typed payloads, strict contracts."""

from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone

import pytest
from pydantic import ValidationError

from closedloop_shared.envelope import CloudEvent, derive_id, follow, new_event
from closedloop_shared.events import (
    LIFECYCLE_EVENTS,
    ComplaintAssigned,
    ComplaintClosed,
    ComplaintCorrected,
    ComplaintEscalated,
    ComplaintFollowedUp,
    ComplaintLinkedToIncident,
    ComplaintReceived,
    ComplaintReopened,
    ComplaintResolved,
    ComplaintSurveyed,
    EventData,
    IncidentLink,
    IncidentOpened,
    Location,
    OnSiteFixReported,
)
from closedloop_shared.vocabulary import (
    Category,
    Channel,
    CloseReason,
    EscalationLevel,
    FacilityKind,
    Stage,
)

MakeEvent = Callable[..., CloudEvent]


def received(reported_at: datetime) -> ComplaintReceived:
    """A ComplaintReceived reported at `reported_at`."""
    return ComplaintReceived(
        location=Location(raw="3栋2单元1202", building="3", unit="2-1202"),
        channel=Channel.APP,
        reporter_ref="r-1",
        description="卫生间漏水",
        category=Category.REPAIR,
        urgent=False,
        confidence=0.9,
        reported_at=reported_at,
    )


def test_derive_id_is_deterministic() -> None:
    """The same cause and parts always give the same id."""
    assert derive_id("cause-1", "a", "b") == derive_id("cause-1", "a", "b")


def test_derive_id_is_a_uuid_string() -> None:
    """Derived ids look like every other id on the topic: a canonical UUID."""
    value = derive_id("cause-1")
    assert len(value) == 36
    assert value.count("-") == 4


@pytest.mark.parametrize(
    ("left", "right"),
    [
        (("cause-1",), ("cause-2",)),
        (("cause-1", "a"), ("cause-1", "b")),
        (("cause-1", "a"), ("cause-1",)),
        (("cause-1", "a", "b"), ("cause-1", "b", "a")),
        (("cause-1", "a", ""), ("cause-1", "a")),
    ],
)
def test_derive_id_differs_when_any_part_differs(
    left: tuple[str, ...], right: tuple[str, ...]
) -> None:
    """Changing, adding, dropping or reordering a part gives another id."""
    assert derive_id(*left) != derive_id(*right)


@pytest.mark.parametrize(
    ("left", "right"),
    [
        (("crm|eu", "T-1"), ("crm", "eu|T-1")),
        (("cause|x",), ("cause", "x")),
    ],
)
def test_derive_id_cannot_be_forged_by_a_separator_inside_a_part(
    left: tuple[str, ...], right: tuple[str, ...]
) -> None:
    """Parts containing the separator must not collide with a different split of the same text."""
    assert derive_id(*left) != derive_id(*right)


def test_new_event_carries_subject_site_correlation_and_causation(t0: datetime) -> None:
    """The envelope names the complaint, its site, the request chain and the direct cause."""
    event = new_event(
        ComplaintResolved(actor="staff-1", resolution="done"),
        complaint_id="c-1",
        site_id="site-a",
        source="/closedloop/router",
        cause_id="cmd-7",
        correlation_id="req-3",
        time=t0,
    )
    assert event.subject == "c-1"
    assert event.siteid == "site-a"
    assert event.correlationid == "req-3"
    assert event.causationid == "cmd-7"
    assert event.source == "/closedloop/router"
    assert event.type == ComplaintResolved.TYPE
    assert event.time == t0
    assert event.schemaversion == ComplaintResolved.SCHEMA_VERSION
    assert event.data == {"actor": "staff-1", "resolution": "done"}


def test_new_event_id_is_derived_from_cause_and_type(make_event: MakeEvent) -> None:
    """An event emitted again for the same cause has the same id."""
    event = make_event("cmd-7")
    assert event.id == derive_id("cmd-7", ComplaintResolved.TYPE, "")
    assert make_event("cmd-7").id == event.id


def test_new_event_discriminator_separates_events_of_one_cause(t0: datetime) -> None:
    """Two events of one type from one cause differ by their discriminator."""
    data = ComplaintResolved(actor="s", resolution="r")
    common = {
        "complaint_id": "c-1",
        "site_id": "s",
        "source": "/t",
        "cause_id": "x",
        "correlation_id": "x",
        "time": t0,
    }
    assert (
        new_event(data, **common, discriminator="1").id
        != new_event(data, **common, discriminator="2").id
    )


def test_follow_keeps_subject_site_and_correlation_and_points_at_its_cause(
    make_event: MakeEvent, t0: datetime
) -> None:
    """An event caused by another inherits its complaint, site and chain; causation is the cause."""
    cause = make_event("cmd-1")
    later = t0 + timedelta(minutes=5)
    effect = follow(cause, ComplaintClosed(reason=CloseReason.SATISFIED), source="/fb", time=later)
    assert effect.subject == cause.subject
    assert effect.siteid == cause.siteid
    assert effect.correlationid == cause.correlationid
    assert effect.causationid == cause.id
    assert effect.id == derive_id(cause.id, ComplaintClosed.TYPE, "")
    assert effect.time == later
    assert effect.source == "/fb"


def test_payload_returns_the_typed_model(make_event: MakeEvent) -> None:
    """`payload()` turns `data` back into the event class named by `type`."""
    assert make_event().payload() == ComplaintResolved(
        actor="staff-1", resolution="fixed after cause-1"
    )


SAMPLES = (
    received(datetime(2025, 3, 1, 8, 0, tzinfo=UTC)),
    ComplaintAssigned(department="engineering", rule="default: repair -> engineering", round=0),
    OnSiteFixReported(actor="staff-1", note="valve replaced"),
    ComplaintResolved(actor="staff-1", resolution="leak fixed"),
    ComplaintSurveyed(satisfied=True, score=5, round=0),
    ComplaintReopened(reason="still leaking", round=1),
    ComplaintClosed(reason=CloseReason.SATISFIED),
    ComplaintCorrected(actor="desk", reason="misread", category=Category.NOISE),
    ComplaintEscalated(
        level=EscalationLevel.YELLOW,
        stage=Stage.ON_SITE,
        round=0,
        due_at=datetime(2025, 3, 1, 12, 0, tzinfo=UTC),
        overdue_seconds=60,
        escalate_to="supervisor",
    ),
    ComplaintFollowedUp(
        follow_up_id="c-9",
        channel=Channel.WECHAT,
        description="还没人来修，第二次催了",
        reported_at=datetime(2025, 3, 2, 8, 0, tzinfo=UTC),
    ),
    IncidentOpened(
        incident_id="i-1",
        kind=FacilityKind.LIFT,
        building="3",
        window_start=datetime(2025, 3, 1, 8, 0, tzinfo=UTC),
    ),
    ComplaintLinkedToIncident(incident_id="i-1", lead_complaint_id="c-1", kind=FacilityKind.LIFT),
)


def test_samples_cover_every_lifecycle_event() -> None:
    """The payload round-trip below exercises each lifecycle event class."""
    assert {type(s) for s in SAMPLES} == set(LIFECYCLE_EVENTS)


@pytest.mark.parametrize("data", SAMPLES, ids=lambda d: d.TYPE)
def test_payload_returns_the_model_of_every_lifecycle_type(data: EventData, t0: datetime) -> None:
    """Each lifecycle event survives envelope, JSON and `payload()` as its own class."""
    event = new_event(
        data,
        complaint_id="c-1",
        site_id="site-a",
        source="/test",
        cause_id="x",
        correlation_id="x",
        time=t0,
    )
    restored = CloudEvent.model_validate_json(event.model_dump_json()).payload()
    assert type(restored) is type(data)
    assert restored == data


def test_payload_is_none_for_an_unknown_type(make_event: MakeEvent) -> None:
    """A type this version does not know is skipped, not an error (forward compatible)."""
    unknown = make_event().model_copy(update={"type": "closedloop.complaint.merged", "data": {}})
    assert unknown.payload() is None


def test_payload_refuses_data_that_does_not_fit_its_type(make_event: MakeEvent) -> None:
    """A known type with wrong data is a validation error, not a silently empty payload."""
    broken = make_event().model_copy(update={"data": {"actor": "s"}})
    with pytest.raises(ValidationError, match="resolution"):
        broken.payload()


def test_envelope_round_trips_through_json(make_event: MakeEvent) -> None:
    """What is published is what is read back."""
    event = make_event()
    assert CloudEvent.model_validate_json(event.model_dump_json()) == event


def test_naive_datetime_is_refused_in_an_event() -> None:
    """A timestamp without a zone is ambiguous and rejected."""
    naive = datetime(2025, 3, 1, 8, 0)  # noqa: DTZ001 - the naive value under test
    with pytest.raises(ValidationError, match="time zone"):
        received(naive)


def test_naive_datetime_is_refused_in_the_envelope(make_event: MakeEvent) -> None:
    """The envelope's `time` must carry a zone too."""
    raw = make_event().model_dump(mode="json")
    raw["time"] = "2025-03-01T08:00:00"
    with pytest.raises(ValidationError, match="time zone"):
        CloudEvent.model_validate(raw)


def test_aware_datetime_is_normalised_to_utc() -> None:
    """Equal instants in different zones serialise identically."""
    beijing = timezone(timedelta(hours=8))
    data = received(datetime(2025, 3, 1, 16, 0, tzinfo=beijing))
    assert data.reported_at == datetime(2025, 3, 1, 8, 0, tzinfo=UTC)
    assert data.reported_at.utcoffset() == timedelta(0)
    assert data.model_dump(mode="json")["reported_at"] == "2025-03-01T08:00:00Z"


def test_events_are_frozen() -> None:
    """An event is a fact: its fields cannot be reassigned."""
    data = OnSiteFixReported(actor="staff-1", note="valve replaced")
    with pytest.raises(ValidationError, match="frozen"):
        data.note = "something else"  # type: ignore[misc]


def test_envelope_is_frozen(make_event: MakeEvent) -> None:
    """The envelope cannot be changed after it was built either."""
    event = make_event()
    with pytest.raises(ValidationError, match="frozen"):
        event.subject = "c-2"  # type: ignore[misc]


def test_events_forbid_unknown_fields() -> None:
    """An unknown field is a sender's mistake and is refused."""
    with pytest.raises(ValidationError, match="extra"):
        ComplaintAssigned.model_validate(
            {"department": "engineering", "rule": "r", "round": 0, "priority": "high"}
        )


def test_envelope_forbids_unknown_attributes(make_event: MakeEvent) -> None:
    """Extension attributes are a closed set in this schema version."""
    raw = {**make_event().model_dump(mode="json"), "tenant": "x"}
    with pytest.raises(ValidationError, match="extra"):
        CloudEvent.model_validate(raw)


def test_received_confidence_is_bounded(t0: datetime) -> None:
    """Confidence is a probability between 0 and 1."""
    raw = received(t0).model_dump()
    with pytest.raises(ValidationError, match="confidence"):
        ComplaintReceived.model_validate({**raw, "confidence": 1.5})


def test_reopened_round_starts_at_one() -> None:
    """Round 0 is the first dispatch; a reopening is at least round 1."""
    with pytest.raises(ValidationError, match="round"):
        ComplaintReopened(reason="not fixed", round=0)


def test_received_may_name_the_incident_it_joined() -> None:
    """A complaint that joined an incident on receipt says so; the field is optional."""
    link = IncidentLink(incident_id="i-1", lead_complaint_id="c-1", kind=FacilityKind.WATER)
    data = received(datetime(2025, 3, 1, 8, 0, tzinfo=UTC)).model_copy(update={"incident": link})
    restored = ComplaintReceived.model_validate_json(data.model_dump_json())
    assert restored.incident == link
    assert received(datetime(2025, 3, 1, 8, 0, tzinfo=UTC)).incident is None
