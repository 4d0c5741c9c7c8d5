"""Running a tool as a bounded, network-less subprocess and measuring its cost.

Every measured command runs in a fresh process with a minimal environment, a hard
timeout (the process group is killed when it expires), and, where the kernel allows
it, in an empty network namespace (``unshare -n``) so that nothing it does can reach
a network. ``CKV_SKIP_PACKAGE_UPDATE_CHECK`` is set because checkov otherwise asks
PyPI for a newer version when it starts (``checkov/common/util/banner.py``), and
``BC_SKIP_MAPPING`` so that it never asks its platform for guideline mappings.

Cost is read from ``wait4``: wall time around the process, and user plus system
CPU time of the process and every descendant it waited for (checkov forks workers).
"""

from __future__ import annotations

import contextlib
import functools
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = [
    "ProcessCost",
    "ToolTimeoutError",
    "isolation_prefix",
    "run_measured",
    "tool_path",
    "tool_env",
]

#: Environment variables passed through to the tools; everything else is dropped,
#: so no API key or proxy setting from the caller's shell can reach them.
_PASSED_THROUGH = ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "VIRTUAL_ENV")


class ToolTimeoutError(RuntimeError):
    """A measured command ran past its timeout and was killed."""


@dataclass(frozen=True)
class ProcessCost:
    """What one run of a command cost.

    Attributes:
        wall: Seconds from start to exit.
        cpu: User plus system CPU seconds of the process and its reaped children.
        max_rss_kb: The largest resident set of the process or a child, in KiB.
        returncode: The exit status (negative for a signal).
    """

    wall: float
    cpu: float
    max_rss_kb: int
    returncode: int


@functools.cache
def isolation_prefix() -> tuple[str, ...]:
    """Return ``("unshare", "-n")`` when an empty network namespace is available."""
    unshare = shutil.which("unshare")
    if unshare is None:
        return ()
    try:
        probe = subprocess.run(
            [unshare, "-n", "true"], capture_output=True, timeout=10, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return ()
    return (unshare, "-n") if probe.returncode == 0 else ()


def tool_path(name: str) -> str:
    """Return the console script ``name`` installed next to this Python.

    Raises:
        FileNotFoundError: The script is not installed in this environment.
    """
    beside = Path(sys.executable).parent / name
    if beside.exists():
        return str(beside)
    found = shutil.which(name)
    if found is None:
        raise FileNotFoundError(
            f"{name!r} is not installed next to {sys.executable} nor on PATH; "
            "install the benchmark dependencies (pip install -e '.[test]' parliament)"
        )
    return found


def tool_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """A minimal, network-quiet environment for the measured tools."""
    env = {key: os.environ[key] for key in _PASSED_THROUGH if key in os.environ}
    env.update(
        {
            "CKV_SKIP_PACKAGE_UPDATE_CHECK": "true",
            "BC_SKIP_MAPPING": "TRUE",
            "PYTHONHASHSEED": "0",
            "PYTHONWARNINGS": "ignore",
        }
    )
    env.update(extra or {})
    return env


def run_measured(
    argv: Sequence[str],
    *,
    timeout: float,
    stdout: Path | None = None,
    stderr: Path | None = None,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
) -> ProcessCost:
    """Run ``argv`` once, isolated and bounded, and return what it cost.

    Args:
        argv: The command.
        timeout: Seconds after which the whole process group is killed.
        stdout: A file to receive the standard output (discarded when None).
        stderr: A file to receive the standard error (discarded when None).
        env: The environment; :func:`tool_env` by default.
        cwd: The working directory.

    Raises:
        ToolTimeoutError: The command did not finish within ``timeout`` seconds.
    """
    command = [*isolation_prefix(), *argv]
    with contextlib.ExitStack() as files:
        sink = files.enter_context(open(stdout, "wb")) if stdout else subprocess.DEVNULL
        errors = (
            files.enter_context(open(stderr, "wb")) if stderr else subprocess.DEVNULL
        )
        status, usage, wall, expired = _wait_bounded(
            command,
            (sink, errors),
            env if env is not None else tool_env(),
            cwd,
            timeout,
        )
    if expired:
        raise ToolTimeoutError(
            f"{' '.join(argv)!r} ran past {timeout:.0f} s and was killed"
        )
    cpu = usage.ru_utime + usage.ru_stime
    return ProcessCost(wall, cpu, usage.ru_maxrss, os.waitstatus_to_exitcode(status))


def _wait_bounded(
    command: Sequence[str],
    outputs: tuple[Any, Any],
    env: dict[str, str],
    cwd: Path | None,
    timeout: float,
) -> tuple[int, Any, float, bool]:
    """Start ``command`` in its own session; reap it, killing it at the timeout.

    Returns the wait status, the resource usage of the process and its reaped
    children, the wall time, and whether the timeout killed it.
    """
    start = time.perf_counter()
    process = subprocess.Popen(
        command,
        stdout=outputs[0],
        stderr=outputs[1],
        env=env,
        cwd=cwd,
        start_new_session=True,
    )
    expired = threading.Event()
    timer = threading.Timer(timeout, _kill_group, (process.pid, expired))
    timer.start()
    try:
        _, status, usage = os.wait4(process.pid, 0)
    finally:
        timer.cancel()
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
    return status, usage, wall, expired.is_set()


def _kill_group(pid: int, expired: threading.Event) -> None:
    """Kill the process group this harness started for one measured command."""
    expired.set()
    try:
        os.killpg(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
