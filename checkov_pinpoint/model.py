"""Host-neutral data model: partially known values, statements and findings.

Data flows one way through the package: a template is read by an extractor into
:class:`Statement` objects, the engine turns statements into :class:`Finding`
objects, and a host adapter (checkov or cfn-lint) turns findings into that host's
verdicts. Nothing in this module knows about checkov or cfn-lint.

A value in a template is often only partly known: ``!Sub
arn:${AWS::Partition}:mobiletargeting:...`` has literal text around parts that
CloudFormation fills in at deploy time. Such a value is a :class:`Value` whose
``parts`` mix literal strings with :class:`Unknown` markers. The engine never
treats an unknown part as wrong and never treats it as a wildcard.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar, overload

#: A step in a path to an element: a mapping key or a list index.
PathPart = str | int
#: The location of an element, as keys and indexes from the root the host gave.
Path = tuple[PathPart, ...]


class UnknownKind(enum.Enum):
    """How much is known about the text an unknown part stands for."""

    #: Any text at all, possibly containing ``/`` and ``:``.
    ANY = "any"
    #: One ARN field or path segment: text without ``/`` or ``:``.
    SEGMENT = "segment"


@dataclass(frozen=True)
class Unknown:
    """A part of a value that cannot be resolved without deploying the template.

    Attributes:
        label: How the template wrote it, for messages (``${AWS::Region}``,
            ``Fn::ImportValue``, ``var.region``).
        kind: What shape of text it can stand for.
    """

    label: str
    kind: UnknownKind = UnknownKind.ANY


#: One piece of a value: literal text, or a part that is not known statically.
Part = str | Unknown

_T = TypeVar("_T")


class _Remembered(Generic[_T]):
    """A derived attribute worked out on first use and kept on the instance.

    Like :class:`functools.cached_property`, it writes the instance dictionary
    directly, which a frozen dataclass allows; unlike it on Python 3.11, it takes
    no lock, which made first use cost more than the work it saves here. Two
    threads racing on first use both compute the same answer from immutable
    fields, so either write is right.
    """

    def __init__(self, compute: Callable[[Any], _T]) -> None:
        self._compute = compute
        self._name = compute.__name__
        self.__doc__ = compute.__doc__

    @overload
    def __get__(self, instance: None, owner: type) -> _Remembered[_T]: ...

    @overload
    def __get__(self, instance: object, owner: type) -> _T: ...

    def __get__(self, instance: object, owner: type) -> _T | _Remembered[_T]:
        if instance is None:
            return self
        answer = instance.__dict__[self._name] = self._compute(instance)
        return answer


@dataclass(frozen=True)
class Value:
    """A string element of a policy statement, possibly only partly known.

    Attributes:
        parts: Literal strings and :class:`Unknown` markers, in order. Adjacent
            literals are merged by :meth:`of`.
        path: Where the element sits, from the root the host adapter chose.
        source: How the template wrote the value (``${App.Arn}/*``), for
            messages; None when the parts say it well enough.
    """

    parts: tuple[Part, ...]
    path: Path = ()
    source: str | None = field(default=None, compare=False)

    @classmethod
    def of(cls, parts: list[Part] | tuple[Part, ...], path: Path = ()) -> Value:
        """Build a value, merging adjacent literal strings and dropping empty ones."""
        merged: list[Part] = []
        for part in parts:
            if isinstance(part, str):
                if not part:
                    continue
                if merged and isinstance(merged[-1], str):
                    merged[-1] = merged[-1] + part
                    continue
            merged.append(part)
        return cls(tuple(merged), path)

    @classmethod
    def literal(cls, text: str, path: Path = ()) -> Value:
        """Build a fully known value."""
        return cls((text,) if text else (), path)

    # The derived facts below are asked for many times per value by every rule,
    # so each is worked out on first use and kept on the instance.

    @_Remembered
    def is_literal(self) -> bool:
        """True when every part is known."""
        return all(isinstance(part, str) for part in self.parts)

    @_Remembered
    def text(self) -> str:
        """The value as the template wrote it, or with unknown parts as labels."""
        if self.source is not None:
            return self.source
        return "".join(p if isinstance(p, str) else p.label for p in self.parts)

    def literal_text(self) -> str | None:
        """The value's text when fully known, else None."""
        return self._literal_text

    @_Remembered
    def _literal_text(self) -> str | None:
        parts = self.parts
        if len(parts) == 1 and isinstance(parts[0], str):
            return parts[0]
        if not self.is_literal:
            return None
        return "".join(p for p in parts if isinstance(p, str))


@dataclass(frozen=True)
class Skipped:
    """Part of a policy that could not be evaluated, and why.

    Attributes:
        reason: A sentence a user can act on (``Statement is a Fn::ImportValue;
            its content is only known at deploy time``).
        path: Where the unevaluated element sits.
        elsewhere: True when nothing is missed because the content is checked
            at another resource (a Terraform policy taken from an
            ``aws_iam_policy_document`` data source).
    """

    reason: str
    path: Path = ()
    elsewhere: bool = False


@dataclass(frozen=True)
class Statement:
    """One IAM policy statement, as far as it could be read.

    Attributes:
        index: Position of the statement in its policy's ``Statement`` list.
        path: Where the statement sits, from the root the host adapter chose.
        effect: ``"Allow"``, ``"Deny"``, or None when not statically known.
        sid: The statement's ``Sid`` when given literally.
        action_key: ``"Action"`` or ``"NotAction"``.
        actions: The action elements, one per string (each ``Fn::If`` branch is
            its own element).
        resource_key: ``"Resource"`` or ``"NotResource"``.
        resources: The resource elements, as for ``actions``.
        has_condition: Whether the statement carries a ``Condition`` block.
        skipped: Elements that could not be read (a number where a string was
            expected, an unresolvable intrinsic holding a whole list, ...).
    """

    index: int
    path: Path = ()
    effect: str | None = "Allow"
    sid: str | None = None
    action_key: str = "Action"
    actions: tuple[Value, ...] = ()
    resource_key: str = "Resource"
    resources: tuple[Value, ...] = ()
    has_condition: bool = False
    skipped: tuple[Skipped, ...] = ()

    @property
    def label(self) -> str:
        """How messages name this statement: by Sid when it has one."""
        if self.sid:
            return f"statement {self.index} (Sid {self.sid!r})"
        return f"statement {self.index}"


@dataclass(frozen=True)
class Policy:
    """One policy document: its statements and what could not be read.

    Attributes:
        path: Where the policy document sits, from the host's root.
        name: The policy's name when the template gives one (for messages).
        statements: The statements that could be read.
        skipped: Parts of the document that could not be read at all.
    """

    path: Path = ()
    name: str | None = None
    statements: tuple[Statement, ...] = ()
    skipped: tuple[Skipped, ...] = ()


class Severity(enum.IntEnum):
    """How urgent a finding is; hosts map it onto their own levels."""

    INFO = 1
    LOW = 2
    MEDIUM = 3
    HIGH = 4


@dataclass(frozen=True)
class Finding:
    """One problem the engine found in a statement.

    Attributes:
        code: The engine's stable finding code (``PINPOINT_INVALID_ACTION``).
        severity: How urgent it is.
        message: What is wrong and what would be right, in one or two sentences.
        path: The offending element, from the host's root.
        statement: The statement index the finding belongs to.
        sid: The statement's Sid, when it has one.
    """

    code: str
    severity: Severity
    message: str
    path: Path = ()
    statement: int | None = None
    sid: str | None = None
    extra: dict[str, object] = field(default_factory=dict, compare=False)
