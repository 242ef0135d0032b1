"""API-key authentication and site scoping: the one seam every HTTP endpoint goes through.

Keys are configured hashed (SHA-256 hex of the key), each mapped to a role and the sites it may
see (`"*"` for all). A principal who may not see a site gets 404 for its complaints, so other sites'
complaint ids do not leak. A fuller identity model can replace `authenticate` later.

Errors: 401 for a missing or unknown key, 403 for a role that may not call the endpoint.
"""

import hashlib
import hmac
from collections.abc import Callable, Coroutine
from enum import StrEnum
from typing import Annotated, Any

from fastapi import Depends, HTTPException, Request, status
from fastapi.security import APIKeyHeader
from pydantic import BaseModel, ConfigDict, Field


class Role(StrEnum):
    """What a key may do. `admin` may do everything."""

    ADMIN = "admin"
    AGENT = "agent"
    STAFF = "staff"
    OWNER_APP = "owner_app"
    VIEWER = "viewer"


class ApiKey(BaseModel):
    """One configured key: its hash, role and visible sites."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    role: Role
    sites: tuple[str, ...] = ("*",)


class Principal(BaseModel):
    """The authenticated caller."""

    model_config = ConfigDict(frozen=True)

    name: str
    role: Role
    sites: tuple[str, ...]

    def sees(self, site_id: str) -> bool:
        """True when this caller may see complaints of `site_id`."""
        return "*" in self.sites or site_id in self.sites


def hash_key(key: str) -> str:
    """The form in which a key is configured."""
    return hashlib.sha256(key.encode()).hexdigest()


_header = APIKeyHeader(name="X-API-Key", auto_error=False)


def authenticate(keys: list[ApiKey], presented: str | None) -> Principal | None:
    """The principal for `presented`, compared in constant time, or None."""
    if not presented:
        return None
    digest = hash_key(presented)
    for key in keys:
        if hmac.compare_digest(key.sha256, digest):
            return Principal(name=key.name, role=key.role, sites=key.sites)
    return None


def require(*roles: Role) -> Callable[..., Coroutine[Any, Any, Principal]]:
    """A FastAPI dependency: the caller, who must hold one of `roles` (or be admin)."""

    async def dependency(
        request: Request, presented: Annotated[str | None, Depends(_header)]
    ) -> Principal:
        keys: list[ApiKey] = request.app.state.api_keys
        principal = authenticate(keys, presented)
        if principal is None:
            raise HTTPException(status.HTTP_401_UNAUTHORIZED, "missing or unknown X-API-Key")
        if principal.role is not Role.ADMIN and principal.role not in roles:
            raise HTTPException(
                status.HTTP_403_FORBIDDEN, f"role {principal.role} may not call this endpoint"
            )
        return principal

    return dependency


def not_found(complaint_id: str) -> HTTPException:
    """The answer for a complaint that does not exist or that the caller may not see."""
    return HTTPException(status.HTTP_404_NOT_FOUND, f"complaint {complaint_id} not found")


def main() -> None:
    """`python -m closedloop_shared.auth KEY` prints the hash to configure for KEY."""
    import sys  # noqa: PLC0415

    for key in sys.argv[1:]:
        sys.stdout.write(hash_key(key) + "\n")


if __name__ == "__main__":
    main()
