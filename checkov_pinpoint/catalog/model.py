"""The catalog's data types: one row per (family, action) and one view per action.

A :class:`CatalogEntry` is one row of ``rules/catalog.json``: what one API family
(Amazon Pinpoint, SMS and voice version 1, SMS and voice version 2) documents for one
IAM action. Three ``sms-voice`` actions exist in both SMS and voice versions, so an
IAM action string can have two rows; :class:`IamAction` merges them into the view a
policy checker needs. :class:`Catalog` indexes both.

Nothing here reads files; :mod:`checkov_pinpoint.catalog.loader` does that.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from functools import cached_property

#: The resource element that stands for every resource.
STAR = "*"

#: API families, oldest first. A later family wins where one fact must be chosen.
FAMILIES = ("pinpoint", "sms-voice-v1", "sms-voice-v2")

#: The IAM service prefixes the catalog covers.
PREFIXES = ("mobiletargeting", "sms-voice")

#: The keys of an entry in ``rules/catalog.json``, as written by ``to_json``.
ENTRY_KEYS = (
    "access_level",
    "action",
    "condition_keys",
    "family",
    "method",
    "provenance",
    "required_resources",
    "optional_resources",
    "resources",
    "retired",
    "source",
    "uri",
)

_PLACEHOLDER = re.compile(r"\$\{[^}]*\}")


def arn_shape(pattern: str) -> str:
    """Return ``pattern`` with every ``${...}`` placeholder reduced to ``${}``.

    Two sources that spell the same ARN with different placeholder names
    (``apps/${AppId}`` and ``apps/${ProjectId}``) describe the same shape.
    """
    return _PLACEHOLDER.sub("${}", pattern)


@dataclass(frozen=True)
class CatalogEntry:
    """What one API family documents for one IAM action.

    Attributes:
        action: The full action, ``"mobiletargeting:GetSegments"``.
        prefix: The service prefix, ``"mobiletargeting"`` or ``"sms-voice"``.
        name: The action name in AWS's casing, ``"GetSegments"``.
        family: ``"pinpoint"``, ``"sms-voice-v1"`` or ``"sms-voice-v2"``.
        resources: ARN patterns with ``${...}`` placeholders; ``"*"`` among them
            when some source says the action takes no resource type; empty when
            the only source says no resource applies.
        method: HTTP method from the seed document, when it gives one.
        uri: URI (or API reference link) from the seed document, when it gives one.
        source: Where the entry came from: ``"seed"``, else the newest source that
            gives the action whole (``"parliament 1.6.4"``), else the source that
            alone lists it (``"cfn-lint 1.58.0"``).
        access_level: ``"List"``, ``"Read"``, ``"Write"``, ``"Tagging"`` or
            ``"Permissions management"``; None when no source says.
        required_resources: ARN patterns of resource types a source marks required.
        optional_resources: ARN patterns of resource types a source marks optional.
        condition_keys: Condition keys the action supports.
        retired: None, or the end-of-support record: ``date``, ``feature``,
            ``continues_in`` and ``basis``.
        provenance: Which sources vouched for which facts, the resource types
            behind the ARN patterns, and where sources disagreed.
    """

    action: str
    prefix: str
    name: str
    family: str
    resources: tuple[str, ...]
    method: str | None
    uri: str | None
    source: str
    access_level: str | None
    required_resources: tuple[str, ...]
    optional_resources: tuple[str, ...]
    condition_keys: tuple[str, ...]
    retired: dict[str, str] | None = field(hash=False)
    provenance: dict[str, object] = field(hash=False)

    @cached_property
    def unresolved_resource_types(self) -> tuple[str, ...]:
        """Resource types a source lists for this action but no source gives an ARN.

        Their ARNs are missing from :attr:`resources`, so a resource of such a type
        cannot be judged from the catalog alone.
        """
        names = self.provenance.get("resource_types_without_arn", ())
        if not isinstance(names, (list, tuple)):
            return ()
        return tuple(str(name) for name in names)

    @cached_property
    def unflagged_resources(self) -> tuple[str, ...]:
        """ARN patterns of resource types no source marks required or optional."""
        types = self.provenance.get("resource_types", {})
        if not isinstance(types, dict):
            return ()
        patterns: set[str] = set()
        for fact in types.values():
            if isinstance(fact, dict) and fact.get("required") is None:
                patterns.update(str(arn) for arn in fact.get("arn_formats", ()))
        return tuple(sorted(patterns))

    @cached_property
    def accepts_star(self) -> bool:
        """Whether ``"*"`` is a documented resource for this family's action.

        True when a source documents ``*`` only, when no resource applies, or when
        every resource type is known and marked optional.
        """
        if STAR in self.resources:
            return True
        if self.unresolved_resource_types:
            return False
        if not self.resources:
            return True
        return (
            not self.required_resources
            and bool(self.optional_resources)
            and not self.unflagged_resources
        )

    def to_json(self) -> dict[str, object]:
        """Return the entry as it is stored in ``rules/catalog.json``."""
        return {
            "access_level": self.access_level,
            "action": self.action,
            "condition_keys": list(self.condition_keys),
            "family": self.family,
            "method": self.method,
            "optional_resources": list(self.optional_resources),
            "provenance": self.provenance,
            "required_resources": list(self.required_resources),
            "resources": list(self.resources),
            "retired": self.retired,
            "source": self.source,
            "uri": self.uri,
        }


@dataclass(frozen=True)
class IamAction:
    """One IAM action string, merged over the API families that document it.

    Attributes:
        prefix: The service prefix.
        name: The action name in AWS's casing.
        action: ``prefix:name``.
        families: The families that document the action, oldest first.
        resources: Every family's ARN patterns except ``"*"``, sorted, deduplicated.
        accepts_star: True when any family documents ``*`` only, documents no
            resource, or marks every resource type optional.
        required_resources: ARN patterns some family marks required.
        optional_resources: ARN patterns some family marks optional.
        access_level: The newest family's access level.
        retired: The end-of-support record when every family is retired, else None.
        entries: The catalog rows behind this view, oldest family first.
        condition_keys: Every family's condition keys, sorted.
        unresolved_resource_types: Resource types whose ARN no source gives; while
            this is not empty, :attr:`resources` is incomplete.
    """

    prefix: str
    name: str
    action: str
    families: tuple[str, ...]
    resources: tuple[str, ...]
    accepts_star: bool
    required_resources: tuple[str, ...]
    optional_resources: tuple[str, ...]
    access_level: str | None
    retired: dict[str, str] | None = field(hash=False)
    entries: tuple[CatalogEntry, ...]
    condition_keys: tuple[str, ...] = ()
    unresolved_resource_types: tuple[str, ...] = ()

    @property
    def resources_complete(self) -> bool:
        """Whether every resource type of the action has a known ARN pattern."""
        return not self.unresolved_resource_types

    @classmethod
    def merge(cls, entries: tuple[CatalogEntry, ...]) -> IamAction:
        """Merge the rows of one action (one per family) into a single view."""
        ordered = tuple(sorted(entries, key=lambda entry: _family_rank(entry.family)))
        newest = ordered[-1]

        def union(attribute: str) -> tuple[str, ...]:
            values: set[str] = set()
            for entry in ordered:
                values.update(getattr(entry, attribute))
            values.discard(STAR)
            return tuple(sorted(values))

        levels = [entry.access_level for entry in ordered if entry.access_level]
        retired = [entry.retired for entry in ordered]
        return cls(
            prefix=newest.prefix,
            name=newest.name,
            action=newest.action,
            families=tuple(entry.family for entry in ordered),
            resources=union("resources"),
            accepts_star=any(entry.accepts_star for entry in ordered),
            required_resources=union("required_resources"),
            optional_resources=union("optional_resources"),
            access_level=levels[-1] if levels else None,
            retired=retired[-1] if all(retired) else None,
            entries=ordered,
            condition_keys=union("condition_keys"),
            unresolved_resource_types=union("unresolved_resource_types"),
        )


def _family_rank(family: str) -> int:
    return FAMILIES.index(family) if family in FAMILIES else len(FAMILIES)


class Catalog:
    """Every catalogued action, indexed for lookup.

    Attributes:
        entries: The rows of ``rules/catalog.json``, sorted by (action, family).
        provenance: The file's provenance block: inputs, versions, generation date.
    """

    def __init__(
        self, entries: tuple[CatalogEntry, ...], provenance: dict[str, object]
    ) -> None:
        """Index ``entries``; ``provenance`` is kept as given."""
        self.entries = tuple(sorted(entries, key=_entry_sort_key))
        self.provenance = provenance

        grouped: dict[tuple[str, str], list[CatalogEntry]] = {}
        for entry in self.entries:
            key = (entry.prefix.lower(), entry.name.lower())
            grouped.setdefault(key, []).append(entry)

        self._by_key = {
            key: IamAction.merge(tuple(rows)) for key, rows in grouped.items()
        }
        self._actions = tuple(
            sorted(self._by_key.values(), key=lambda action: action.action.lower())
        )

    def actions(self) -> tuple[IamAction, ...]:
        """Return every action, sorted by ``prefix:name``."""
        return self._actions

    def actions_for_prefix(self, prefix: str) -> tuple[IamAction, ...]:
        """Return the actions of one service prefix (exact, lower-case match)."""
        return tuple(action for action in self._actions if action.prefix == prefix)

    def lookup(self, prefix: str, name: str) -> IamAction | None:
        """Return the action ``prefix:name``, matching both parts case-insensitively."""
        return self._by_key.get((prefix.lower(), name.lower()))

    def suggest(self, prefix: str, name: str, limit: int = 3) -> tuple[str, ...]:
        """Return up to ``limit`` catalogued actions of ``prefix`` closest to ``name``.

        Meant for messages about an unknown action: name the likely intended ones,
        never the whole list.
        """
        candidates = {
            action.name.lower(): action.action
            for action in self.actions_for_prefix(prefix.lower())
        }
        close = difflib.get_close_matches(name.lower(), list(candidates), n=limit)
        return tuple(candidates[match] for match in close)

    def to_json(self) -> list[dict[str, object]]:
        """Return every entry as stored in the catalog file, sorted."""
        return [entry.to_json() for entry in self.entries]


def _entry_sort_key(entry: CatalogEntry) -> tuple[str, str]:
    return (entry.action.lower(), entry.family)
