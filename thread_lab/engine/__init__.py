"""The experiments on plain `threading` threads. Never imports Qt (a test proves it)."""

from thread_lab.engine.config import ConfigError, RunConfig
from thread_lab.engine.run import Listener, Run, RunError, RunResult, Snapshot
from thread_lab.engine.shared import LogEvent, State

__all__ = [
    "ConfigError",
    "Listener",
    "LogEvent",
    "Run",
    "RunConfig",
    "RunError",
    "RunResult",
    "Snapshot",
    "State",
]
