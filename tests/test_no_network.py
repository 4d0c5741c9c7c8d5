"""Nothing reaches for the network, and the catalog is read only from the package.

The hosts run with ``tests/hostile/no_network`` first on ``PYTHONPATH``: its
``sitecustomize`` replaces ``socket.socket.connect`` (and ``connect_ex``,
``sendto``), ``socket.create_connection``, ``socket.getaddrinfo`` and
``gethostbyname`` with functions that write what was attempted to a log file and
raise without touching a socket. Every process that starts Python writes an
``installed`` line first, so a test can tell that the shim was in place.

With ``--skip-download`` checkov still makes one attempt of its own: with its
default console output, the banner asks PyPI whether a newer checkov exists
(``checkov/common/util/update_checker``), unless ``CKV_SKIP_PACKAGE_UPDATE_CHECK``
is set. So the checkov assertions are two: with that variable set (as the tests
and the README run it) the log holds nothing but ``installed`` lines, with its
own checks enabled as well as ours; without it, the PyPI lookup is the only
attempt, and no attempt ever has a frame of checkov_pinpoint on its stack.
"""

from __future__ import annotations

import errno
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import SAMPLES, tool
from hostile import hosts

from checkov_pinpoint.catalog import load_catalog


def _log(path: Path) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The shim's log: (installed lines, attempts)."""
    if not path.exists():
        return [], []
    lines = [json.loads(line) for line in path.read_text().splitlines() if line]
    return (
        [line for line in lines if "installed" in line],
        [line for line in lines if "installed" not in line],
    )


def _guarded(tmp_path: Path) -> tuple[dict[str, str], Path]:
    """The shim's environment, with an empty cache folder.

    checkov remembers the answer of its update check (even a refused one) for an
    hour in the user's cache folder; a fresh one keeps that from hiding an attempt.
    """
    log = tmp_path / "network.log"
    env = hosts.environment(
        hosts.NO_NETWORK,
        PINPOINT_NETWORK_LOG=str(log),
        XDG_CACHE_HOME=str(tmp_path / "cache"),
    )
    return env, log


def _checkov_console(env: dict[str, str]) -> hosts.Run:
    """checkov with its default console output (the banner), every check, ours too."""
    command = [
        tool("checkov"),
        "--directory",
        str(SAMPLES),
        "--skip-download",
        "--external-checks-dir",
        hosts.checks_dir(),
    ]
    return hosts.run(command, env, timeout=600, cwd=SAMPLES)


def test_checkov_with_every_check_makes_no_network_attempt(tmp_path: Path) -> None:
    """checkov on CloudFormation and Terraform, its checks and ours, offline."""
    env, log = _guarded(tmp_path)
    assert env["CKV_SKIP_PACKAGE_UPDATE_CHECK"] == "true"

    run, records, errors = hosts.checkov(SAMPLES, checks=None, env=env)
    console = _checkov_console(env)

    installed, attempts = _log(log)
    assert attempts == []
    assert [line["argv"][0] for line in installed] == [tool("checkov")] * 2
    assert errors == []
    assert {r.check_id for r in records} >= set(hosts.OUR_CHECKS)
    assert "CKV_PINPOINT_1" in console.stdout
    assert run.our_traceback_frames() == console.our_traceback_frames() == []


def test_checkovs_own_update_check_is_its_only_attempt(tmp_path: Path) -> None:
    """Without CKV_SKIP_PACKAGE_UPDATE_CHECK, checkov asks PyPI; nothing else, not us."""
    env, log = _guarded(tmp_path)
    del env["CKV_SKIP_PACKAGE_UPDATE_CHECK"]

    console = _checkov_console(env)

    _, attempts = _log(log)
    assert [(a["call"], a["args"][:2], a["ours"]) for a in attempts] == [
        ("socket.getaddrinfo", ["'pypi.org'", "443"], False)
    ]
    assert any("checkov/common/util/update_checker" in f for f in attempts[0]["stack"])
    assert "CKV_PINPOINT_1" in console.stdout


def test_cfnlint_with_our_rules_makes_no_network_attempt(tmp_path: Path) -> None:
    """cfn-lint with our rules on every sample template, offline."""
    env, log = _guarded(tmp_path)
    templates = sorted((SAMPLES / "cloudformation").iterdir())

    run, lints = hosts.cfnlint(templates, env=env)

    installed, attempts = _log(log)
    assert attempts == []
    assert [line["argv"][0] for line in installed] == [tool("cfn-lint")]
    assert {lint.rule for lint in lints if hosts.is_ours(lint.rule)} >= {
        "E9501",
        "E9502",
        "W9503",
    }
    assert run.our_traceback_frames() == []


CLI_COMMANDS = {
    "catalog": ["catalog"],
    "catalog-json": ["catalog", "--json"],
    "explain": ["explain", "mobiletargeting:GetSegments"],
    "checks-dir": ["checks-dir"],
}


@pytest.mark.parametrize("name", sorted(CLI_COMMANDS), ids=str)
def test_our_command_makes_no_network_attempt(name: str, tmp_path: Path) -> None:
    """Each ``checkov-pinpoint`` command works offline."""
    env, log = _guarded(tmp_path)

    done = subprocess.run(
        [tool("checkov-pinpoint"), *CLI_COMMANDS[name]],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )

    installed, attempts = _log(log)
    assert (done.returncode, attempts) == (0, [])
    assert [line["argv"][0] for line in installed] == [tool("checkov-pinpoint")]


def test_the_shim_refuses_and_records_without_touching_a_socket(
    tmp_path: Path,
) -> None:
    """The guard itself: each network entry point is replaced, and records."""
    env, log = _guarded(tmp_path)
    script = (
        "import socket, sitecustomize\n"
        "replaced = [socket.socket.connect, socket.socket.connect_ex,\n"
        "    socket.socket.sendto, socket.create_connection, socket.getaddrinfo,\n"
        "    socket.gethostbyname, socket.gethostbyname_ex]\n"
        "print(sorted(f.pinpoint_refuses for f in replaced))\n"
        "try:\n"
        "    sitecustomize._record_and_refuse('self-test', 'nowhere')\n"
        "except OSError as error:\n"
        "    print(error.errno)\n"
    )

    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env
    )

    assert done.stdout.splitlines() == [
        "['socket.connect', 'socket.connect_ex', 'socket.create_connection', "
        "'socket.getaddrinfo', 'socket.gethostbyname', 'socket.gethostbyname_ex', "
        "'socket.sendto']",
        str(errno.ENETUNREACH),
    ], done.stderr
    _, attempts = _log(log)
    assert [(a["call"], a["args"], a["ours"]) for a in attempts] == [
        ("self-test", ["'nowhere'"], False)
    ]


_AUDIT_SCRIPT = """
import importlib.util, json, sys
from importlib.resources import files

opened = []
sys.addaudithook(
    lambda event, args: opened.append(str(args[0]))
    if event == "open" and isinstance(args[0], str) else None
)

from checkov_pinpoint.catalog import load_catalog, vouch_from_cfn_lint
from checkov_pinpoint.engine import analyze
from checkov_pinpoint.extract.cloudformation import iter_cfn_policies

catalog = load_catalog()
vouch_from_cfn_lint("sms-voice", "NotAnAction")
document = {"Statement": [{"Effect": "Allow", "Action": "mobiletargeting:*",
                           "Resource": "*"}]}
policies = list(iter_cfn_policies("AWS::IAM::ManagedPolicy",
                                  {"PolicyDocument": document}, ()))
analyze(policies)
print(json.dumps({
    "package": str(files("checkov_pinpoint.rules")),
    "cfnlint": list(importlib.util.find_spec("cfnlint").submodule_search_locations),
    "actions": len(catalog.actions()),
    "opened": [p for p in opened if p.endswith(".json")],
}))
"""


def test_the_catalog_is_read_from_the_package_only(tmp_path: Path) -> None:
    """A decoy catalog in the working directory is never read; the package's is.

    The only other data file opened is cfn-lint's list of IAM action names, read
    from the installed cfn-lint package as a second opinion on unknown actions.
    """
    for decoy in (tmp_path / "rules", tmp_path / "checkov_pinpoint" / "rules"):
        decoy.mkdir(parents=True)
        (decoy / "catalog.json").write_text('{"decoy": true}')

    # -I keeps the working directory off sys.path, as for the installed commands
    # (a bare "python -c" would import a checkov_pinpoint folder found there).
    done = subprocess.run(
        [sys.executable, "-I", "-c", _AUDIT_SCRIPT],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
    )

    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    catalog = str(Path(report["package"]) / "catalog.json")
    second_opinion = [
        str(Path(folder) / "data" / "AdditionalSpecs" / "Policies.json")
        for folder in report["cfnlint"]
    ]
    assert report["opened"] == [catalog, second_opinion[0]]
    assert report["actions"] == len(load_catalog().actions())
