import asyncio
import logging

import pytest

from fake_kernel import FakeKernel
from agentx_plugin import Plugin

TOKEN = "secret-token"


def run_async(coroutine, timeout: float = 20.0):
    """Runs a test coroutine on a fresh event loop (pytest-asyncio is not available)."""
    return asyncio.run(asyncio.wait_for(coroutine, timeout))


def new_plugin(kernel: FakeKernel, **options) -> Plugin:
    options.setdefault("token", TOKEN)
    options.setdefault("name", "test-plugin")
    return Plugin(url=kernel.url, **options)


async def connected(plugin: Plugin, kernel: FakeKernel, **welcome):
    """Starts the plugin against the fake kernel and returns the welcomed stream."""
    starting = asyncio.create_task(plugin.start(timeout=5))
    stream = await kernel.next_stream()
    await stream.welcome(**welcome)
    await starting
    return stream


@pytest.fixture(autouse=True)
def _sdk_logs(caplog):
    caplog.set_level(logging.INFO, logger="agentx_plugin")
