"""Settings and wiring of the feedback service, without starting it."""

import httpx
import pytest

from closedloop_feedback.app import create_app
from closedloop_feedback.settings import FeedbackSettings
from closedloop_shared import topics


def test_settings_default_to_three_days_and_a_ten_second_tick(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Out of the box the owner has three days to answer; the timer ticks every ten seconds."""
    for name in ("RESPONSE_WINDOW_SECONDS", "TICK_SECONDS", "HTTP_PORT"):
        monkeypatch.delenv(f"FEEDBACK_{name}", raising=False)
    settings = FeedbackSettings()
    assert settings.response_window_seconds == 3 * 24 * 3600
    assert settings.tick_seconds == 30
    assert settings.http_port == 8004


def test_settings_take_the_feedback_prefix(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests and deployments shorten the window through FEEDBACK_ variables."""
    monkeypatch.setenv("FEEDBACK_RESPONSE_WINDOW_SECONDS", "2")
    monkeypatch.setenv("FEEDBACK_TICK_SECONDS", "0.5")
    monkeypatch.setenv("FEEDBACK_HTTP_PORT", "9004")
    settings = FeedbackSettings()
    assert (settings.response_window_seconds, settings.tick_seconds) == (2, 0.5)
    assert settings.http_port == 9004


def test_settings_refuse_a_non_positive_window(monkeypatch: pytest.MonkeyPatch) -> None:
    """A zero window would close every survey at once, so it is refused at start-up."""
    monkeypatch.setenv("FEEDBACK_RESPONSE_WINDOW_SECONDS", "0")
    with pytest.raises(ValueError, match="greater than 0"):
        FeedbackSettings()


async def test_app_documents_the_survey_endpoint_and_health() -> None:
    """The wired app's OpenAPI lists the survey answer route next to the shared health check."""
    transport = httpx.ASGITransport(app=create_app(FeedbackSettings()))
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        response = await client.get("/openapi.json")
    assert {"/complaints/{complaint_id}/survey", "/health"} <= set(response.json()["paths"])


def test_asyncapi_shows_both_subscribers_and_both_publishers() -> None:
    """The AsyncAPI document lists what feedback consumes and the two topics it writes."""
    app = create_app(FeedbackSettings())
    channels = app.schema.to_specification().to_jsonable()["channels"]
    assert set(channels) == {
        f"{topics.LIFECYCLE}:feedback",
        f"{topics.LIFECYCLE}:feedback-alerts",
        f"{topics.COMMANDS}:feedback",
        f"{topics.LIFECYCLE}:feedback:emits",
        f"{topics.NOTIFICATIONS}:feedback:emits",
    }
