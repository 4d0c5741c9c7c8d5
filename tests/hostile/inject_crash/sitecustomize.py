"""Test shim: make one checkov-pinpoint function raise inside a real host run.

The crash tests put this directory first on ``PYTHONPATH`` of a checkov or
cfn-lint run, so Python imports it at start-up, before the host and before the
adapters bind names from the package. ``PINPOINT_INJECT_CRASH`` names the
function to replace as ``module:Qualified.name``
(``checkov_pinpoint.engine.rules:WrongArnShape.findings``); the replacement
raises :class:`InjectedCrashError` whenever it is called.
"""

from __future__ import annotations

import importlib
import os
from typing import Any, NoReturn

TARGET = os.environ.get("PINPOINT_INJECT_CRASH", "")


class InjectedCrashError(RuntimeError):
    """The error the replaced function raises; its name shows up in results."""


def _crash(*args: Any, **kwargs: Any) -> NoReturn:
    raise InjectedCrashError(f"injected into {TARGET}")


def _inject(target: str) -> None:
    module_name, _, qualified = target.partition(":")
    owner: Any = importlib.import_module(module_name)
    *path, attribute = qualified.split(".")
    for name in path:
        owner = getattr(owner, name)
    if not hasattr(owner, attribute):
        raise AttributeError(f"{target}: nothing to replace")
    setattr(owner, attribute, _crash)


if TARGET:
    _inject(TARGET)
