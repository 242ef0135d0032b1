"""Intake's pure core: pseudonymous reporter references and the ComplaintReceived it builds."""

from collections.abc import Callable
from datetime import datetime, timedelta

import pytest

from closedloop_intake.domain import CLOCK_SKEW, ImplausibleTime, Submission, receive, reporter_ref
from closedloop_shared.errors import Rejected
from closedloop_shared.events import Location
from closedloop_shared.inbound import Reporter
from closedloop_shared.vocabulary import Category, Channel

MakeSubmission = Callable[..., Submission]

# --- reporter_ref -------------------------------------------------------------------------------


def test_reporter_ref_is_stable_for_the_same_phone(reporter_key: bytes) -> None:
    """The same owner calling twice is recognisably the same reporter."""
    first = reporter_ref(Reporter(phone="13800138000"), reporter_key)
    assert first == reporter_ref(Reporter(phone="13800138000", name="Wang"), reporter_key)


def test_reporter_ref_ignores_phone_formatting(reporter_key: bytes) -> None:
    """Spaces and dashes in the number do not make a new reporter."""
    assert reporter_ref(Reporter(phone="+86 138-0013-8000"), reporter_key) == reporter_ref(
        Reporter(phone="+8613800138000"), reporter_key
    )


def test_reporter_ref_differs_between_phones(reporter_key: bytes) -> None:
    """Two owners get two references."""
    assert reporter_ref(Reporter(phone="13800138000"), reporter_key) != reporter_ref(
        Reporter(phone="13800138001"), reporter_key
    )


def test_reporter_ref_depends_on_the_key() -> None:
    """Without the key the reference cannot be recomputed from a phone number."""
    reporter = Reporter(phone="13800138000")
    assert reporter_ref(reporter, b"key-1") != reporter_ref(reporter, b"key-2")


def test_reporter_ref_contains_no_phone_digits(reporter_key: bytes) -> None:
    """The pseudonym reveals neither the number nor a long run of its digits."""
    phone = "13800138000"
    ref = reporter_ref(Reporter(phone=phone), reporter_key)
    assert ref.startswith("r-")
    assert len(ref) == 26
    assert phone not in ref
    assert phone[:7] not in ref
    assert phone[-7:] not in ref


def test_reporter_ref_uses_the_app_user_without_a_phone(reporter_key: bytes) -> None:
    """App users are pseudonymised by their user id."""
    ref = reporter_ref(Reporter(app_user_id="u-77"), reporter_key)
    assert ref == reporter_ref(Reporter(app_user_id="u-77", name="Li"), reporter_key)
    assert "u-77" not in ref


def test_reporter_ref_prefers_the_phone_over_the_app_user(reporter_key: bytes) -> None:
    """An owner who gives a phone is the same reporter by phone, whatever channel."""
    by_phone = reporter_ref(Reporter(phone="13800138000"), reporter_key)
    both = reporter_ref(Reporter(phone="13800138000", app_user_id="u-77"), reporter_key)
    assert both == by_phone


# --- receive ------------------------------------------------------------------------------------


def test_receive_classifies_parses_and_keeps_the_contact_time(
    make_submission: MakeSubmission, now: datetime
) -> None:
    """The event carries category, urgency, structured location and when the owner made contact."""
    submission = make_submission(external_ref="ext-1")
    received = receive(submission, ref="r-1", now=now, review_below=0.5)
    assert received.category is Category.REPAIR
    assert not received.urgent
    assert received.location == Location(raw="3栋2单元1202", building="3", unit="2-1202")
    assert received.channel is Channel.APP
    assert received.reporter_ref == "r-1"
    assert received.description == submission.description
    assert received.reported_at == submission.reported_at
    assert received.external_ref == "ext-1"
    assert not received.needs_review


def test_receive_defaults_the_contact_time_to_now(
    make_submission: MakeSubmission, now: datetime
) -> None:
    """Without a reported time, stage 1's clock starts on receipt."""
    received = receive(make_submission(reported_at=None), ref="r", now=now, review_below=0.5)
    assert received.reported_at == now


def test_low_confidence_needs_review(make_submission: MakeSubmission, now: datetime) -> None:
    """An unclassifiable complaint goes to front-desk review."""
    submission = make_submission(description="请问物业几点上班")
    received = receive(submission, ref="r", now=now, review_below=0.5)
    assert received.category is Category.OTHER
    assert received.needs_review


def test_review_threshold_is_configurable(make_submission: MakeSubmission, now: datetime) -> None:
    """A stricter site sends even tied verdicts to review."""
    submission = make_submission(description="垃圾堆在电梯口")
    assert not receive(submission, ref="r", now=now, review_below=0.5).needs_review
    assert receive(submission, ref="r", now=now, review_below=0.7).needs_review


def test_unparsed_location_needs_review(make_submission: MakeSubmission, now: datetime) -> None:
    """A location nobody could parse is checked by a person."""
    received = receive(
        make_submission(location="near the east gate"), ref="r", now=now, review_below=0.5
    )
    assert received.location == Location(raw="near the east gate")
    assert received.needs_review


def test_reported_time_in_the_future_is_refused(
    make_submission: MakeSubmission, now: datetime
) -> None:
    """A contact time beyond the allowed clock skew is implausible and named in the reason."""
    future = now + CLOCK_SKEW + timedelta(seconds=1)
    with pytest.raises(ImplausibleTime, match="is in the future"):
        receive(make_submission(reported_at=future), ref="r", now=now, review_below=0.5)


def test_small_clock_skew_is_tolerated(make_submission: MakeSubmission, now: datetime) -> None:
    """A sender's clock a few minutes ahead is not an error."""
    ahead = now + CLOCK_SKEW
    received = receive(make_submission(reported_at=ahead), ref="r", now=now, review_below=0.5)
    assert received.reported_at == ahead


def test_implausible_time_is_a_rejection() -> None:
    """It is permanent: a message with it is dead-lettered, not retried."""
    assert issubclass(ImplausibleTime, Rejected)
