"""Reconnection delays: exponential backoff with jitter."""

from __future__ import annotations

import random
from typing import Callable


class Backoff:
    """Delays of 250 ms, 500 ms, 1 s… up to 10 s, each drawn between half and all of its nominal value
    so that plugins restarted together do not reconnect in lockstep. `reset()` after a successful handshake."""

    def __init__(self, initial: float = 0.25, maximum: float = 10.0, factor: float = 2.0,
                 uniform: Callable[[float, float], float] = random.uniform) -> None:
        self._initial = initial
        self._maximum = maximum
        self._factor = factor
        self._uniform = uniform
        self._nominal = initial

    def next_delay(self) -> float:
        """The delay to wait before the next attempt, in seconds."""
        nominal = self._nominal
        self._nominal = min(nominal * self._factor, self._maximum)
        return self._uniform(nominal / 2, nominal)

    def reset(self) -> None:
        self._nominal = self._initial
