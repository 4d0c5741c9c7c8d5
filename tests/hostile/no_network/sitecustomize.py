"""Test shim: refuse and record every network attempt of the process it loads in.

The no-network tests put this directory first on ``PYTHONPATH`` of a host run
(checkov or cfn-lint with checkov-pinpoint loaded), so Python imports it at
start-up, before the host. Nothing here touches a socket: each replaced
function writes one JSON line to the file named by ``PINPOINT_NETWORK_LOG`` and
raises ``OSError`` without calling the original.

A record says which call was attempted, with what arguments (as ``repr``), and
whether any frame on the stack belongs to the checkov_pinpoint package, so a
test can tell the host's own attempts from ours.
"""

from __future__ import annotations

import errno
import importlib.util
import json
import os
import socket
import sys
import traceback
from typing import Any, NoReturn

_LOG = os.environ.get("PINPOINT_NETWORK_LOG", "")


def _package_folder() -> str | None:
    """Where checkov_pinpoint lives, found without importing it."""
    spec = importlib.util.find_spec("checkov_pinpoint")
    if spec is None or not spec.submodule_search_locations:
        return None
    return os.path.realpath(next(iter(spec.submodule_search_locations)))


def _record_and_refuse(call: str, *args: Any) -> NoReturn:
    """Write what was attempted to the log, then refuse like an unreachable net."""
    stack = traceback.extract_stack()[:-2]
    folder = _package_folder()
    frames = [f"{frame.filename}:{frame.lineno} {frame.name}" for frame in stack]
    ours = folder is not None and any(
        os.path.realpath(frame.filename).startswith(folder + os.sep) for frame in stack
    )
    record = {
        "call": call,
        "args": [repr(arg) for arg in args],
        "ours": ours,
        "pid": os.getpid(),
        "argv": sys.argv,
        "stack": frames,
    }
    with open(_LOG, "a", encoding="utf-8") as handle:
        handle.write(json.dumps(record) + "\n")
    raise OSError(errno.ENETUNREACH, f"network refused by the test shim ({call})")


def _refusing(call: str) -> Any:
    def refuse(*args: Any, **kwargs: Any) -> NoReturn:
        _record_and_refuse(call, *args, *kwargs.values())

    refuse.pinpoint_refuses = call  # type: ignore[attr-defined]
    return refuse


if _LOG:
    socket.socket.connect = _refusing("socket.connect")  # type: ignore[method-assign]
    socket.socket.connect_ex = _refusing("socket.connect_ex")  # type: ignore[method-assign]
    socket.socket.sendto = _refusing("socket.sendto")  # type: ignore[method-assign]
    socket.create_connection = _refusing("socket.create_connection")
    socket.getaddrinfo = _refusing("socket.getaddrinfo")
    socket.gethostbyname = _refusing("socket.gethostbyname")
    socket.gethostbyname_ex = _refusing("socket.gethostbyname_ex")
    with open(_LOG, "a", encoding="utf-8") as _handle:
        _handle.write(json.dumps({"installed": os.getpid(), "argv": sys.argv}) + "\n")
