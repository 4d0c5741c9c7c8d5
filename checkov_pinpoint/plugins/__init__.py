"""The plugin manager: built-in rules and installed plugins, found once.

Plugins implement the hooks in :mod:`checkov_pinpoint.plugins.hookspecs`, each
marked with :data:`hookimpl`, and are discovered from the ``checkov_pinpoint``
entry-point group. The built-in rules are registered through the same hook as
any plugin's, first, so plugins' answers come after them and later ones win. A
plugin that fails to load, implements a hook that does not exist, raises in a
hook or answers in the wrong shape is a :class:`PluginError` naming the plugin
and the hook.
"""

from __future__ import annotations

import functools
import importlib.metadata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import pluggy

from checkov_pinpoint.catalog import Catalog, load_catalog
from checkov_pinpoint.catalog.errors import CatalogDataError
from checkov_pinpoint.catalog.loader import parse_entry
from checkov_pinpoint.errors import PluginError
from checkov_pinpoint.model import Finding, Severity
from checkov_pinpoint.plugins import hookspecs
from checkov_pinpoint.plugins.hookspecs import hookimpl

__all__ = [
    "OrganisationPolicy",
    "effective_catalog",
    "get_plugin_manager",
    "hookimpl",
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
    """Return the plugin manager with the built-in rules and installed plugins.

    Raises:
        PluginError: An installed plugin failed to import, or implements a hook
            that does not exist (a misspelt hook would otherwise be ignored).
    """
    manager = pluggy.PluginManager(hookspecs.PROJECT)
    manager.add_hookspecs(hookspecs)
    manager.register(_BuiltinRules(), name="checkov_pinpoint.builtin")
    for entry_point in importlib.metadata.entry_points(group=hookspecs.PROJECT):
        # One entry point at a time, so that a failure names its plugin.
        try:
            manager.load_setuptools_entrypoints(
                hookspecs.PROJECT, name=entry_point.name
            )
        except Exception as error:
            raise PluginError(
                f"plugin {entry_point.name!r} (entry point {entry_point.value!r} "
                f"in group {hookspecs.PROJECT!r}) failed to load: {error!r}"
            ) from error
    try:
        manager.check_pending()
    except pluggy.PluginValidationError as error:
        raise PluginError(
            f"plugin {manager.get_name(error.plugin)!r} implements a hook that "
            f"checkov-pinpoint does not define ({error}); expected only "
            f"{_hook_names()}"
        ) from error
    return manager


def _hook_names() -> str:
    return ", ".join(name for name in dir(hookspecs) if name.startswith("pinpoint_"))


def _answers(hook_name: str) -> Iterable[tuple[str, Any]]:
    """Call every implementation of a hook, first-registered first, naming failures."""
    caller = getattr(get_plugin_manager().hook, hook_name)
    # get_hookimpls() lists in registration order (pluggy *calls* them in the
    # reverse order), so the built-in rules come first and later plugins win.
    for implementation in caller.get_hookimpls():
        name = implementation.plugin_name
        try:
            answer = implementation.function()
        except Exception as error:
            raise PluginError(
                f"plugin {name!r} failed in {hook_name}: {error!r}"
            ) from error
        if answer is not None:
            yield name, answer


def _listed(answer: object, plugin: str, hook_name: str) -> Sequence[Any]:
    """``answer`` when it is a list or tuple, else a PluginError naming the plugin."""
    if not isinstance(answer, (list, tuple)):
        raise PluginError(
            f"plugin {plugin!r} returned {type(answer).__name__} {answer!r:.80} from "
            f"{hook_name}; expected a list or tuple"
        )
    return answer


@functools.cache
def registered_rules() -> tuple[Any, ...]:
    """Return every registered rule, built-in rules first, each code once."""
    rules: list[Any] = []
    seen: dict[str, str] = {}
    for name, answer in _answers("pinpoint_register_rules"):
        for rule in _listed(answer, name, "pinpoint_register_rules"):
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
        for index, raw in enumerate(_listed(answer, name, "pinpoint_catalog_entries")):
            where = f"plugin {name!r} pinpoint_catalog_entries item {index}"
            if not isinstance(raw, Mapping):
                raise PluginError(
                    f"{where}: is {type(raw).__name__}, expected an object in the "
                    "format of 'checkov-pinpoint catalog --json'"
                )
            try:
                entry = parse_entry(dict(raw), where)
            except CatalogDataError as error:
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


#: The keys a pinpoint_organisation_policy answer may have.
POLICY_KEYS = ("allowed_wildcard_resources", "severity_overrides")


@functools.cache
def organisation_policy() -> OrganisationPolicy:
    """Collect every plugin's organisation policy into one.

    Raises:
        PluginError: An answer is not a mapping, has a key other than
            :data:`POLICY_KEYS`, or overrides an unknown rule code or with an
            unknown severity name; the message names the plugin.
    """
    wildcards: list[str] = []
    severities: dict[str, Severity] = {}
    for name, answer in _answers("pinpoint_organisation_policy"):
        _check_policy_keys(answer, name)
        wildcards.extend(_strings(answer.get("allowed_wildcard_resources", ()), name))
        severities.update(_severities(answer.get("severity_overrides", {}), name))
    return OrganisationPolicy(tuple(wildcards), severities)


def _check_policy_keys(answer: object, plugin: str) -> None:
    where = f"plugin {plugin!r} pinpoint_organisation_policy"
    if not isinstance(answer, Mapping):
        raise PluginError(
            f"{where} returned {type(answer).__name__} {answer!r:.80}; expected a "
            f"mapping with keys among {', '.join(POLICY_KEYS)}"
        )
    unknown = sorted(str(key) for key in answer if key not in POLICY_KEYS)
    if unknown:
        raise PluginError(
            f"{where} returned unknown keys {unknown}; expected keys among "
            f"{', '.join(POLICY_KEYS)}"
        )


def _severities(value: object, plugin: str) -> dict[str, Severity]:
    where = f"plugin {plugin!r} pinpoint_organisation_policy severity_overrides"
    if not isinstance(value, Mapping):
        raise PluginError(
            f"{where} is {value!r:.80}; expected a mapping of rule code to severity"
        )
    codes = {str(rule.code) for rule in registered_rules()}
    severities: dict[str, Severity] = {}
    for code, level in value.items():
        if code not in codes:
            raise PluginError(
                f"{where} names rule code {code!r}, which no plugin registered; "
                f"expected one of {', '.join(sorted(codes))}"
            )
        try:
            severities[code] = Severity[str(level).upper()]
        except KeyError:
            raise PluginError(
                f"{where} gives severity {level!r} for {code!r}; expected one of "
                f"{', '.join(known.name for known in Severity)}"
            ) from None
    return severities


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
