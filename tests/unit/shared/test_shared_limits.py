"""The request-body limit every service's HTTP API sits behind."""

from collections.abc import AsyncIterator

import httpx
from fastapi import FastAPI, Request

from closedloop_shared.limits import BodyLimit


def _app(limit: int) -> FastAPI:
    app = FastAPI()
    app.add_middleware(BodyLimit, limit=limit)

    @app.post("/echo")
    async def echo(request: Request) -> dict[str, int]:
        return {"bytes": len(await request.body())}

    return app


async def _post(app: FastAPI, content: bytes | AsyncIterator[bytes]) -> httpx.Response:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        return await client.post("/echo", content=content)


async def test_body_within_the_limit_passes():
    """A body at the limit reaches the endpoint whole."""
    response = await _post(_app(limit=10), b"x" * 10)
    assert response.status_code == 200
    assert response.json() == {"bytes": 10}


async def test_declared_oversize_body_is_refused_with_413_and_reason():
    """A Content-Length over the limit is refused before the body is read."""
    response = await _post(_app(limit=10), b"x" * 11)
    assert response.status_code == 413
    assert "exceeds 10 bytes" in response.json()["detail"]


async def test_streamed_oversize_body_is_refused_with_413():
    """A chunked body is counted as it arrives and refused once it passes the limit."""

    async def chunks() -> AsyncIterator[bytes]:
        for _ in range(5):
            yield b"x" * 4

    response = await _post(_app(limit=10), chunks())
    assert response.status_code == 413
