"""The hooks a checkov-pinpoint plugin can implement.

Plugins are found through the ``checkov_pinpoint`` entry-point group and are
loaded once, the first time a host asks for the rules. Every hook name starts
with ``pinpoint_`` so that it cannot collide with another project's hooks.
"""

from __future__ import annotations

from collections.abc import Sequence

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
