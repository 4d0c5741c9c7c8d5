"""The plugin manager: built-in rules and installed plugins, found once.

Plugins register through the hooks in :mod:`checkov_pinpoint.plugins.hookspecs`
and are discovered from the ``checkov_pinpoint`` entry-point group.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

import pluggy

from checkov_pinpoint.errors import PluginError
from checkov_pinpoint.plugins import hookspecs

__all__ = ["get_plugin_manager", "registered_rules"]


class _BuiltinRules:
    """Registers the rules that ship with checkov-pinpoint."""

    @hookspecs.hookimpl
    def pinpoint_register_rules(self) -> Sequence[object]:
        from checkov_pinpoint.engine.rules import BUILTIN_RULES

        return BUILTIN_RULES


@functools.cache
def get_plugin_manager() -> pluggy.PluginManager:
    """Return the plugin manager with the built-in rules and installed plugins."""
    manager = pluggy.PluginManager(hookspecs.PROJECT)
    manager.add_hookspecs(hookspecs)
    manager.register(_BuiltinRules(), name="checkov_pinpoint.builtin")
    manager.load_setuptools_entrypoints(hookspecs.PROJECT)
    return manager


@functools.cache
def registered_rules() -> tuple[object, ...]:
    """Return every registered rule, built-in rules first, each code once."""
    manager = get_plugin_manager()
    rules: list[object] = []
    seen: dict[str, str] = {}
    for implementation in reversed(
        manager.hook.pinpoint_register_rules.get_hookimpls()
    ):
        name = implementation.plugin_name
        try:
            returned = implementation.function()
        except Exception as error:  # a plugin's failure is reported with its name
            raise PluginError(
                f"plugin {name!r} failed in pinpoint_register_rules: {error!r}"
            ) from error
        for rule in returned or ():
            code = getattr(rule, "code", None)
            if not isinstance(code, str):
                raise PluginError(
                    f"plugin {name!r} returned {rule!r} from pinpoint_register_rules, which has no 'code'"
                )
            if code in seen:
                raise PluginError(
                    f"plugin {name!r} registered rule code {code!r}, already registered by {seen[code]!r}"
                )
            seen[code] = name
            rules.append(rule)
    return tuple(rules)
