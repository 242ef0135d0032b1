"""API keys: hashing, constant-time lookup and site scoping."""

import pytest
from pydantic import ValidationError

from closedloop_shared.auth import ApiKey, Principal, Role, authenticate, hash_key, not_found

KEYS = [
    ApiKey(name="agent-1", sha256=hash_key("agent-secret"), role=Role.AGENT, sites=("site-a",)),
    ApiKey(name="ops", sha256=hash_key("ops-secret"), role=Role.ADMIN),
]


def test_hash_key_is_the_sha256_hex_of_the_key() -> None:
    """Keys are configured as SHA-256 hex digests, never in clear."""
    digest = hash_key("k")
    assert digest == "8254c329a92850f6d539dd376f4816ee2764517da5e0235514af433164480d7a"


def test_authenticate_finds_the_principal_of_a_known_key() -> None:
    """A configured key yields its name, role and sites."""
    assert authenticate(KEYS, "agent-secret") == Principal(
        name="agent-1", role=Role.AGENT, sites=("site-a",)
    )


@pytest.mark.parametrize("presented", [None, "", "wrong", "AGENT-SECRET"])
def test_authenticate_refuses_missing_or_unknown_keys(presented: str | None) -> None:
    """No key, an empty key or a key nobody configured authenticates no one."""
    assert authenticate(KEYS, presented) is None


def test_authenticate_with_no_configured_keys_refuses_everyone() -> None:
    """An empty key list locks every endpoint."""
    assert authenticate([], "agent-secret") is None


def test_api_key_defaults_to_all_sites() -> None:
    """A key configured without sites sees every site."""
    principal = authenticate(KEYS, "ops-secret")
    assert principal is not None
    assert principal.sites == ("*",)
    assert principal.sees("any-site")


def test_api_key_refuses_a_hash_that_is_not_sha256_hex() -> None:
    """A key configured in clear (or truncated) is a configuration error."""
    with pytest.raises(ValidationError, match="sha256"):
        ApiKey(name="x", sha256="agent-secret", role=Role.AGENT)


def test_principal_sees_only_its_sites() -> None:
    """A site-scoped principal sees its own sites and no others."""
    principal = Principal(name="p", role=Role.STAFF, sites=("site-a", "site-b"))
    assert principal.sees("site-a")
    assert principal.sees("site-b")
    assert not principal.sees("site-c")


def test_principal_with_wildcard_sees_every_site() -> None:
    """`*` among the sites means all of them."""
    assert Principal(name="p", role=Role.VIEWER, sites=("*",)).sees("site-z")


def test_principal_with_no_sites_sees_nothing() -> None:
    """An empty site list is not a wildcard."""
    assert not Principal(name="p", role=Role.VIEWER, sites=()).sees("site-a")


def test_not_found_names_the_complaint_and_answers_404() -> None:
    """Unknown and invisible complaints get the same answer, so ids do not leak."""
    error = not_found("c-9")
    assert error.status_code == 404
    assert error.detail == "complaint c-9 not found"
