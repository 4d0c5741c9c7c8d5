"""The plugin manager: built-in rules and installed plugins, found once.

Plugins implement the hooks in :mod:`checkov_pinpoint.plugins.hookspecs` and are
discovered from the ``checkov_pinpoint`` entry-point group. The built-in rules
are registered through the same hook as any plugin's. A plugin that fails is
named, with the hook it failed in.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import pluggy

from checkov_pinpoint.catalog import Catalog, load_catalog
from checkov_pinpoint.catalog.loader import parse_entry
from checkov_pinpoint.errors import PluginError
from checkov_pinpoint.model import Finding, Severity
from checkov_pinpoint.plugins import hookspecs

__all__ = [
    "OrganisationPolicy",
    "effective_catalog",
    "get_plugin_manager",
    "organisation_policy",
    "registered_rules",
    "reset",
]


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
    try:
        manager.load_setuptools_entrypoints(hookspecs.PROJECT)
    except Exception as error:
        raise PluginError(
            f"a {hookspecs.PROJECT!r} entry point failed to load: {error!r}"
        ) from error
    return manager


def _answers(hook_name: str) -> Iterable[tuple[str, Any]]:
    """Call every implementation of a hook, first-registered first, naming failures."""
    caller = getattr(get_plugin_manager().hook, hook_name)
    for implementation in reversed(caller.get_hookimpls()):
        name = implementation.plugin_name
        try:
            answer = implementation.function()
        except Exception as error:
            raise PluginError(
                f"plugin {name!r} failed in {hook_name}: {error!r}"
            ) from error
        if answer is not None:
            yield name, answer


@functools.cache
def registered_rules() -> tuple[Any, ...]:
    """Return every registered rule, built-in rules first, each code once."""
    rules: list[Any] = []
    seen: dict[str, str] = {}
    for name, answer in _answers("pinpoint_register_rules"):
        for rule in answer:
            code = getattr(rule, "code", None)
            if not isinstance(code, str) or not callable(
                getattr(rule, "findings", None)
            ):
                raise PluginError(
                    f"plugin {name!r} returned {rule!r} from pinpoint_register_rules, "
                    "which has no 'code' or no 'findings' method"
                )
            if code in seen:
                raise PluginError(
                    f"plugin {name!r} registered rule code {code!r} in "
                    f"pinpoint_register_rules, already registered by {seen[code]!r}"
                )
            seen[code] = name
            rules.append(rule)
    return tuple(rules)


@functools.cache
def effective_catalog() -> Catalog:
    """The bundled catalog with every plugin's added or replacing entries."""
    base = load_catalog()
    entries = {(entry.action.lower(), entry.family): entry for entry in base.entries}
    added: list[str] = []
    for name, answer in _answers("pinpoint_catalog_entries"):
        for index, raw in enumerate(answer):
            where = f"plugin {name!r} pinpoint_catalog_entries item {index}"
            try:
                entry = parse_entry(dict(raw), where)
            except Exception as error:
                raise PluginError(str(error)) from error
            entries[(entry.action.lower(), entry.family)] = entry
            added.append(f"{entry.action} ({entry.family}) from {name}")
    if not added:
        return base
    provenance = dict(base.provenance, plugin_entries=added)
    return Catalog(tuple(entries.values()), provenance)


@dataclass(frozen=True)
class OrganisationPolicy:
    """What plugins say about an organisation's own rules.

    Attributes:
        allowed_wildcards: Resource patterns accepted as wildcards.
        severities: Severity overrides by rule code.
    """

    allowed_wildcards: tuple[str, ...] = ()
    severities: Mapping[str, Severity] = field(default_factory=dict)

    def apply(self, findings: Iterable[Finding]) -> list[Finding]:
        """Return ``findings`` with the severity overrides applied."""
        if not self.severities:
            return list(findings)
        return [
            replace(finding, severity=self.severities[finding.code])
            if finding.code in self.severities
            else finding
            for finding in findings
        ]


@functools.cache
def organisation_policy() -> OrganisationPolicy:
    """Collect every plugin's organisation policy into one."""
    wildcards: list[str] = []
    severities: dict[str, Severity] = {}
    for name, answer in _answers("pinpoint_organisation_policy"):
        wildcards.extend(_strings(answer.get("allowed_wildcard_resources", ()), name))
        for code, level in dict(answer.get("severity_overrides", {})).items():
            try:
                severities[str(code)] = Severity[str(level).upper()]
            except KeyError:
                raise PluginError(
                    f"plugin {name!r} gave severity {level!r} for {code!r} in "
                    f"pinpoint_organisation_policy; expected one of "
                    f"{', '.join(level.name for level in Severity)}"
                ) from None
    return OrganisationPolicy(tuple(wildcards), severities)


def _strings(value: object, plugin: str) -> list[str]:
    if not isinstance(value, (list, tuple)) or not all(
        isinstance(v, str) for v in value
    ):
        raise PluginError(
            f"plugin {plugin!r} gave allowed_wildcard_resources {value!r} in "
            "pinpoint_organisation_policy; expected a list of strings"
        )
    return list(value)


_CACHES: tuple[Callable[..., Any], ...] = (
    get_plugin_manager,
    registered_rules,
    effective_catalog,
    organisation_policy,
)


def reset() -> None:
    """Forget the plugin manager and what it found (for tests)."""
    for cached in _CACHES:
        cached.cache_clear()  # type: ignore[attr-defined]
