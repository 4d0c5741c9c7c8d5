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
from functools import cache
from pathlib import Path

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
        data = json.loads(path.read_bytes())
    except (OSError, ValueError) as error:
        logger.warning("cannot read cfn-lint's IAM data %s: %s", path, error)
        return None

    names: set[str] = set()
    for prefix in PREFIXES:
        service = data.get(prefix) if isinstance(data, dict) else None
        actions = service.get("Actions") if isinstance(service, dict) else None
        if isinstance(actions, dict):
            names.update(f"{prefix}:{str(action).lower()}" for action in actions)

    # Imported here: importlib.metadata costs more than the rest of the catalog
    # package together, and only this rarely used path needs it.
    import importlib.metadata

    try:
        version = importlib.metadata.version("cfn-lint")
    except importlib.metadata.PackageNotFoundError:
        version = "(version unknown)"
    return f"cfn-lint {version} {path.name}", frozenset(names)


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
