"""A second opinion on action names from the installed cfn-lint's IAM data.

The bundled catalog is fixed when it is generated. cfn-lint ships a newer list of IAM
action names with every release, so when the catalog does not know an action the
installed cfn-lint may. This module reads that list without importing cfn-lint: it
locates the package with :func:`importlib.util.find_spec` and reads the data file
``cfnlint/data/AdditionalSpecs/Policies.json`` directly.
"""

from __future__ import annotations

import importlib.util
import json
import logging
import re
from functools import cache
from pathlib import Path
from typing import Any

from checkov_pinpoint.catalog.model import PREFIXES

logger = logging.getLogger(__name__)

#: Where cfn-lint keeps its IAM data, relative to the ``cfnlint`` package folder.
CFN_LINT_POLICIES = Path("data") / "AdditionalSpecs" / "Policies.json"


def vouch_from_cfn_lint(prefix: str, name: str) -> str | None:
    """Say whether the installed cfn-lint knows the IAM action ``prefix:name``.

    Only ``mobiletargeting`` and ``sms-voice`` names are kept; matching ignores case.

    Args:
        prefix: The service prefix, ``"sms-voice"``.
        name: The action name, ``"SendRcsMessage"``.

    Returns:
        A short description of the vouching source (``"cfn-lint 1.58.0
        Policies.json"``), or None when cfn-lint is not installed, its data file
        cannot be read, or it does not list the action.
    """
    known = _cfn_lint_action_names()
    if known is None:
        return None
    label, names = known
    if f"{prefix.lower()}:{name.lower()}" not in names:
        logger.debug("%s does not list %s:%s", label, prefix, name)
        return None
    logger.debug("%s vouches for %s:%s", label, prefix, name)
    return label


@cache
def _cfn_lint_action_names() -> tuple[str, frozenset[str]] | None:
    """Read cfn-lint's action names once: (source label, lower-case names)."""
    path = _cfn_lint_policies_path()
    if path is None:
        logger.debug("cfn-lint is not installed; no second opinion on action names")
        return None
    try:
        services = _services(path.read_text(encoding="utf-8"), PREFIXES)
    except (OSError, ValueError) as error:
        logger.warning("cannot read cfn-lint's IAM data %s: %s", path, error)
        return None

    names: set[str] = set()
    for prefix, service in services.items():
        actions = service.get("Actions") if isinstance(service, dict) else None
        if isinstance(actions, dict):
            names.update(f"{prefix}:{str(action).lower()}" for action in actions)
    return f"cfn-lint {_cfn_lint_version(path)} {path.name}", frozenset(names)


def _services(text: str, prefixes: tuple[str, ...]) -> dict[str, Any]:
    """The top-level entries ``prefixes`` of cfn-lint's Policies.json text.

    The file maps every IAM prefix to its service, 2 MB in all, and a host pays
    for this in every worker process: decoding only the two services wanted takes
    a tenth of the time of ``json.loads`` on the whole. Each candidate key is
    decoded from where it starts; if the file is not laid out as expected (a
    key not found, an entry that is not a service), the whole file is decoded.
    """
    decoder = json.JSONDecoder()
    found: dict[str, Any] = {}
    for prefix in prefixes:
        key = f'\n "{prefix}": '
        start = text.find(key)
        if start < 0:
            break
        value, _ = decoder.raw_decode(text, start + len(key))
        if not isinstance(value, dict) or "Actions" not in value:
            break
        found[prefix] = value
    else:
        return found
    data = json.loads(text)
    if not isinstance(data, dict):
        raise ValueError("the file is not a JSON object")
    return {prefix: data[prefix] for prefix in prefixes if prefix in data}


def _cfn_lint_version(policies: Path) -> str:
    """cfn-lint's version from its ``version.py`` beside the data folder.

    Read as text: importing ``importlib.metadata`` for it would cost more than
    reading the names.
    """
    version_file = policies.parents[2] / "version.py"
    try:
        match = re.search(
            r"""^__version__\s*=\s*["']([^"']+)["']""",
            version_file.read_text(encoding="utf-8"),
            re.MULTILINE,
        )
    except (OSError, UnicodeDecodeError):
        match = None
    return match.group(1) if match else "(version unknown)"


def _cfn_lint_policies_path() -> Path | None:
    """Locate cfn-lint's Policies.json without importing cfn-lint."""
    spec = importlib.util.find_spec("cfnlint")
    if spec is None or not spec.submodule_search_locations:
        return None
    for folder in spec.submodule_search_locations:
        candidate = Path(folder) / CFN_LINT_POLICIES
        if candidate.is_file():
            return candidate
    return None
