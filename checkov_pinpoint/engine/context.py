"""What the rules need to know about one statement, worked out once.

Every rule looks at the same facts (which Pinpoint actions a statement grants, which
of its resources are Pinpoint ARNs, whether it also grants other services), so they
are computed once per statement here and shared.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from checkov_pinpoint.catalog import Catalog, IamAction
from checkov_pinpoint.engine import wildcard
from checkov_pinpoint.engine.actions import (
    PINPOINT_PREFIXES,
    ActionKind,
    ActionReading,
    read_action,
)
from checkov_pinpoint.engine.arn import split_fields
from checkov_pinpoint.engine.suggest import GENERIC, Dialect
from checkov_pinpoint.model import Statement, Value

__all__ = ["StatementView", "view_statement"]

#: Action readings that make a statement about Pinpoint.
_ABOUT_PINPOINT = frozenset(
    {
        ActionKind.PINPOINT,
        ActionKind.INVALID,
        ActionKind.WRONG_PREFIX,
        ActionKind.PARTIAL,
    }
)


@dataclass(frozen=True)
class StatementView:
    """A statement together with the facts every rule uses.

    Attributes:
        statement: The statement itself.
        catalog: The catalog the facts were read against.
        readings: Each action element with its classification.
        granted: Pinpoint actions the statement's ``Action`` reaches (empty for
            ``NotAction``), deduplicated, in catalog order.
        only_pinpoint: True when every action element is a Pinpoint action (or a
            slip for one): then every resource must be a Pinpoint resource.
        touches_pinpoint: True when the statement is about Pinpoint at all.
        dialect: How to write suggested resources for this template format.
        allowed_wildcards: Resources the organisation allows as wildcards.
        problems: What the rules worked out about each resource, kept so that
            rules asking the same question about the statement ask it once.
    """

    statement: Statement
    catalog: Catalog
    readings: tuple[tuple[Value, ActionReading], ...]
    granted: tuple[IamAction, ...]
    only_pinpoint: bool
    touches_pinpoint: bool
    dialect: Dialect = GENERIC
    allowed_wildcards: tuple[str, ...] = ()
    problems: dict[tuple[Value, str | None], str | None] = field(
        default_factory=dict, compare=False, repr=False
    )

    @property
    def is_allow(self) -> bool:
        """True when the statement's Effect is literally Allow."""
        return self.statement.effect == "Allow"


def view_statement(
    statement: Statement,
    catalog: Catalog,
    dialect: Dialect = GENERIC,
    allowed_wildcards: tuple[str, ...] = (),
) -> StatementView:
    """Read a statement's actions and decide what it is about."""
    readings = tuple(
        (value, read_action(value, catalog)) for value in statement.actions
    )
    granted: dict[str, IamAction] = {}
    if statement.action_key == "Action":
        for _, reading in readings:
            for action in reading.reached:
                granted.setdefault(action.action, action)

    named = any(reading.kind in _ABOUT_PINPOINT for _, reading in readings)
    only_pinpoint = bool(readings) and all(
        reading.kind in _ABOUT_PINPOINT for _, reading in readings
    )
    broad = any(reading.reached and reading.also_other for _, reading in readings)
    touches = named or any(_is_pinpoint_arn(value) for value in statement.resources)
    if not touches and broad:
        touches = any(_may_be_pinpoint(value) for value in statement.resources)

    return StatementView(
        statement=statement,
        catalog=catalog,
        readings=readings,
        granted=tuple(granted.values()),
        only_pinpoint=only_pinpoint,
        touches_pinpoint=touches,
        dialect=dialect,
        allowed_wildcards=allowed_wildcards,
    )


def _service(value: Value) -> str | None:
    fields = split_fields(value).fields
    return fields[2] if len(fields) > 2 else None


def _is_pinpoint_arn(value: Value) -> bool:
    service = _service(value)
    return service is not None and service.lower() in PINPOINT_PREFIXES


def _may_be_pinpoint(value: Value) -> bool:
    """A resource a broad action pattern could use for Pinpoint: ``*`` or open."""
    text = value.literal_text()
    if text == "*":
        return True
    service = _service(value)
    if service is None:
        return True
    return any(
        wildcard.match(service, prefix, ignore_case=False)
        for prefix in PINPOINT_PREFIXES
    )
