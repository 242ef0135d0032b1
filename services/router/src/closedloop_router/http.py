"""Staff actions over HTTP: the same commands as the topic, answered synchronously.

404 for a complaint the router does not know or the caller may not see, 409 for an action the
stage does not allow, 422 for a malformed body or an unknown department.
"""

import uuid
from typing import Annotated, TypeVar

from fastapi import APIRouter, Depends, Header, HTTPException, status
from pydantic import BaseModel, Field

from closedloop_router.domain import IllegalAction, UnknownComplaint, UnknownDepartment
from closedloop_router.service import Router
from closedloop_shared.auth import Principal, Role, not_found, require
from closedloop_shared.commands import (
    Command,
    CommandBase,
    ReportOnSiteFix,
    ResolveComplaint,
    Text,
    TransferComplaint,
)
from closedloop_shared.model import Contract
from closedloop_shared.vocabulary import Stage

C = TypeVar("C", bound=CommandBase)

Staff = Annotated[Principal, Depends(require(Role.STAFF))]
IdempotencyKey = Annotated[str | None, Header(max_length=100)]


class OnSiteFixBody(Contract):
    """Staff were on site; the initial fix is done."""

    note: Text


class ResolveBody(Contract):
    """The solution given to the owner."""

    resolution: Text


class TransferBody(Contract):
    """Hand the complaint to another department."""

    department: str = Field(min_length=1, max_length=64)
    reason: Text


class ActionResult(BaseModel):
    """What an accepted action did."""

    complaint_id: str
    stage: Stage
    department: str | None
    events: list[str]


def http_router(router: Router) -> APIRouter:
    """The staff-action endpoints of `router`."""
    api = APIRouter(prefix="/complaints", tags=["staff actions"])

    async def act(complaint_id: str, principal: Principal, command: Command) -> ActionResult:
        try:
            state, events = await router.on_command(command)
        except UnknownComplaint as error:
            raise not_found(complaint_id) from error
        except IllegalAction as error:
            raise HTTPException(status.HTTP_409_CONFLICT, str(error)) from error
        except UnknownDepartment as error:
            raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, str(error)) from error
        return ActionResult(
            complaint_id=complaint_id,
            stage=state.stage,
            department=state.department,
            events=[e.type for e in events],
        )

    async def site_of(complaint_id: str, principal: Principal) -> str:
        record = await router.store.load(complaint_id)
        if record is None or not principal.sees(record.state.site_id):
            raise not_found(complaint_id)
        return record.state.site_id

    async def command(
        cls: type[C], complaint_id: str, who: Principal, key: str | None, **fields: str
    ) -> C:
        site = await site_of(complaint_id, who)
        return cls.model_validate(
            {
                "command_id": key or str(uuid.uuid4()),
                "complaint_id": complaint_id,
                "site_id": site,
                "actor": who.name,
                "issued_at": router.clock(),
                **fields,
            }
        )

    @api.post("/{complaint_id}/on-site-fix", status_code=status.HTTP_202_ACCEPTED)
    async def report_on_site_fix(
        complaint_id: str, body: OnSiteFixBody, who: Staff, idempotency_key: IdempotencyKey = None
    ) -> ActionResult:
        """Report that staff were on site and the initial fix is done (ends stage 3)."""
        cmd = await command(ReportOnSiteFix, complaint_id, who, idempotency_key, note=body.note)
        return await act(complaint_id, who, cmd)

    @api.post("/{complaint_id}/resolve", status_code=status.HTTP_202_ACCEPTED)
    async def resolve(
        complaint_id: str, body: ResolveBody, who: Staff, idempotency_key: IdempotencyKey = None
    ) -> ActionResult:
        """Report the solution given to the owner (ends stage 4)."""
        cmd = await command(
            ResolveComplaint, complaint_id, who, idempotency_key, resolution=body.resolution
        )
        return await act(complaint_id, who, cmd)

    @api.post("/{complaint_id}/transfer", status_code=status.HTTP_202_ACCEPTED)
    async def transfer(
        complaint_id: str, body: TransferBody, who: Staff, idempotency_key: IdempotencyKey = None
    ) -> ActionResult:
        """Hand the complaint to another department."""
        cmd = await command(
            TransferComplaint,
            complaint_id,
            who,
            idempotency_key,
            department=body.department,
            reason=body.reason,
        )
        return await act(complaint_id, who, cmd)

    return api
