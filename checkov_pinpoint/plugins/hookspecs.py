"""The hooks a checkov-pinpoint plugin can implement.

Plugins are found through the ``checkov_pinpoint`` entry-point group and are
loaded once, the first time a host asks for the rules. Every hook name starts
with ``pinpoint_`` so that it cannot collide with another project's hooks.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pluggy

PROJECT = "checkov_pinpoint"

hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


@hookspec
def pinpoint_register_rules() -> Sequence[object]:
    """Return rule instances to run on every statement.

    Called once, when the plugin manager is first built. Each returned object
    must behave like :class:`checkov_pinpoint.engine.rules.Rule`: carry ``code``,
    ``cfnlint_id``, ``checkov_id``, ``title``, ``severity`` and ``rationale``
    attributes and a ``findings(view)`` generator. The built-in rules are
    registered through this same hook. The results of every plugin are
    concatenated; a rule whose ``code`` was already registered is an error.
    """
    raise NotImplementedError


@hookspec
def pinpoint_catalog_entries() -> Sequence[Mapping[str, object]]:
    """Return catalog entries to add, or to replace bundled ones.

    Called once, when the effective catalog is first built. Each entry is an
    object in the format of ``checkov-pinpoint catalog --json`` (``action``,
    ``family``, ``resources``, ...). An entry whose ``action`` and ``family``
    match a bundled entry replaces it; any other entry is added. Use it for
    private, preview or newly released actions.
    """
    raise NotImplementedError


@hookspec
def pinpoint_organisation_policy() -> Mapping[str, object]:
    """Return organisation policy that tunes the built-in rules.

    Called once, when the policy is first needed. Recognised keys:

    - ``allowed_wildcard_resources``: IAM patterns (``*`` and ``?``) of
      resources the organisation accepts as wildcards; the unscoped-wildcard
      rule stays silent on a resource one of them matches.
    - ``severity_overrides``: a mapping from a registered rule code to a
      severity name (``INFO``, ``LOW``, ``MEDIUM``, ``HIGH``).

    Any other key, an unknown rule code or an unknown severity name is an
    error naming the plugin. When several plugins answer, their lists are
    joined and later overrides win.

    Limitation: a severity override changes the severity of the findings the
    engine returns, not what the hosts print: cfn-lint's level comes from the
    letter of the rule ID (E, W, I) and checkov shows no severity for an
    external check.
    """
    raise NotImplementedError
