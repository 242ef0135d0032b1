"""Closed vocabularies that appear in events: stages, categories, channels, levels.

They are part of the contract analytics teams read, so values never change meaning; new values
may be added.
"""

from enum import StrEnum


class Stage(StrEnum):
    """The five stages of the closed loop (DOMAIN.md), plus the terminal state."""

    ACCEPT = "accept"
    DISPATCH = "dispatch"
    ON_SITE = "on_site"
    FEEDBACK = "feedback"
    FOLLOW_UP = "follow_up"
    CLOSED = "closed"


class Category(StrEnum):
    """The ten complaint categories of DOMAIN.md."""

    REPAIR = "repair"
    SECURITY = "security"
    SANITATION = "sanitation"
    LANDSCAPING = "landscaping"
    NOISE = "noise"
    PARKING = "parking"
    BILLING = "billing"
    SERVICE_ATTITUDE = "service_attitude"
    COMPENSATION = "compensation"
    OTHER = "other"


class Channel(StrEnum):
    """Where a complaint came from."""

    PHONE = "phone"
    APP = "app"
    WEB = "web"
    WECHAT = "wechat"
    ON_SITE_STAFF = "on_site_staff"
    VOICE = "voice"


class EscalationLevel(StrEnum):
    """The red/yellow/blue rating: blue warns, yellow is a breach, red is severe."""

    BLUE = "blue"
    YELLOW = "yellow"
    RED = "red"


class FacilityKind(StrEnum):
    """A building-wide facility whose failure several units report at once (an incident)."""

    LIFT = "lift"
    WATER = "water"
    POWER = "power"
    GAS = "gas"


class CloseReason(StrEnum):
    """Why a complaint left the loop."""

    SATISFIED = "satisfied"
    NO_RESPONSE = "no_response"
