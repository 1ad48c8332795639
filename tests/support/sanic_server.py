"""A Sanic app served in the test's own event loop, on a free port (Sanic 21.12 has no test client here)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager

from sanic import Sanic

from tests.support.services import free_port


@contextmanager
def sanic_test_mode() -> Iterator[None]:
    """Sanic 21.12 rewrites its request handler when a server starts; only in test mode can it do so twice."""
    import pytest

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Sanic, "test_mode", True)
        yield


@asynccontextmanager
async def served(app: Sanic) -> AsyncIterator[str]:
    port = free_port()
    server = await app.create_server(host="127.0.0.1", port=port, return_asyncio_server=True)
    assert server is not None
    await server.startup()
    task = asyncio.ensure_future(server.serve_forever())
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        task.cancel()
        await server.close()
