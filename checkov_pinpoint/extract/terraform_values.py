"""Terraform strings → partially known values.

checkov hands a Terraform check the block's attributes after its own variable
rendering. What is left of an interpolation depends on where it was written:

* in a heredoc, or an HCL list in a data source, it stays as written:
  ``"${aws_pinpoint_app.main.arn}/*"``;
* inside ``jsonencode(...)`` or a JSON string, checkov strips the ``${}`` and
  leaves the bare expression in the text: ``"aws_pinpoint_app.main.arn/*"``,
  ``"arn:aws:mobiletargeting:upper(var.x):..."``, ``'var.flag ? "a" : "b"'``;
* variables with a default and locals are replaced by their value, so they
  arrive here as literal text.

This module reads both spellings into the same :class:`~checkov_pinpoint.model.Value`.
Each interpolation becomes an :class:`~checkov_pinpoint.model.Unknown` labelled
``${expression}``, whichever spelling checkov used, so one template always reads
the same way. IAM wildcards ``*`` and ``?`` stay literal text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from checkov_pinpoint.extract.terraform_expressions import (
    close_of,
    list_of_strings,
    names_pinpoint,
    quoted_text,
    split_conditional,
    strip_parentheses,
)
from checkov_pinpoint.model import Part, Path, Skipped, Unknown, UnknownKind, Value

# Identifier pieces of a Terraform reference. Block names may contain "-";
# attribute names may not, which lets "aws_pinpoint_app.my-app.arn" read whole.
# Limitation: where checkov stripped the ${} the end of a reference is a
# guess: "${var.env}-app" arrives as "var.env-app" and reads as one variable
# named "env-app", and "${var.host}.example.com" as "var.host.example.com".
_NAME = r"[A-Za-z_][A-Za-z0-9_-]*"
_ATTR = r"[A-Za-z_][A-Za-z0-9_]*"
_INDEX = r'\[(?:\d+|"[^"]*"|\*)\]'
_TAIL = rf"(?:\.{_ATTR}|\.\d+|\.\*|{_INDEX})*"
_ROOTS = (
    r"(?:inline_policy|statement)\.(?:key|value)",  # dynamic block iterators
    r"each\.(?:key|value)|count\.index|path\.(?:module|root|cwd)",
    r"terraform\.workspace",
    rf"(?:var|local)\.{_NAME}",
    rf"module\.{_NAME}(?:{_INDEX})?\.{_ATTR}",
    rf"data\.{_ATTR}\.{_NAME}(?:{_INDEX})?\.{_ATTR}",
    # Limitation: any "word_word.name.attr" is taken for a resource reference,
    # so a literal such as "my_host.example.com" inside an ARN reads as unknown.
    rf"[a-z][a-z0-9]*_[a-z0-9_]+\.{_NAME}(?:{_INDEX})?\.{_ATTR}",
)
_REFERENCE = re.compile(rf"(?<![A-Za-z0-9_.\-])(?:{'|'.join(_ROOTS)}){_TAIL}")
_FUNCTION_START = re.compile(r"(?<![A-Za-z0-9_.\-])[a-z][a-z0-9_]*\(")
_CONDITIONAL = re.compile(r"\s\?\s.*\s:\s", re.DOTALL)

_APP_ARN = re.compile(rf"aws_pinpoint_app\.{_NAME}(?:{_INDEX})?\.arn")
_SEGMENT_REFERENCES = tuple(
    re.compile(pattern)
    for pattern in (
        rf"aws_pinpoint_app\.{_NAME}(?:{_INDEX})?\.(?:application_id|id)",
        rf"data\.aws_caller_identity\.{_NAME}(?:{_INDEX})?\.account_id",
        rf"data\.aws_region\.{_NAME}(?:{_INDEX})?\.(?:name|region)",
        rf"data\.aws_partition\.{_NAME}(?:{_INDEX})?\.partition",
    )
)

# Conditionals nested in conditionals multiply; past this many splits, the
# remaining results are reported as not evaluated rather than read.
_MAX_CONDITIONALS = 32

#: What checkov writes for an attribute Terraform only knows after apply, when
#: ``EVAL_TF_PLAN_AFTER_UNKNOWN`` is set (checkov.common.util.consts).
TRUE_AFTER_UNKNOWN = "true_after_unknown"
#: The label of an element a Terraform plan only knows after apply.
AFTER_APPLY_LABEL = "(known after apply)"
#: The key under which checkov's plan parser lists the references of the
#: expressions in a block (checkov's ``CustomAttributes.REFERENCES``).
PLAN_REFERENCES_KEY = "references_"


def label_of(expression: str) -> str:
    """Return how an interpolation is named in values and messages.

    Args:
        expression: The expression without ``${}``.

    Returns:
        ``${expression}``, the way it is written inside a Terraform string.
    """
    return "${" + expression + "}"


def expression_parts(expression: str) -> list[Part]:
    """Return the parts an interpolated expression stands for.

    Args:
        expression: The expression without ``${}``, as checkov left it.

    Returns:
        The ARN shape for ``aws_pinpoint_app.X.arn``; one SEGMENT unknown for
        references that hold a single ARN field (app id, variable, local,
        account id, region, partition); one ANY unknown for anything else.
    """
    expression = expression.strip()
    label = label_of(expression)
    if _APP_ARN.fullmatch(expression):
        field = Unknown(label, UnknownKind.SEGMENT)
        return ["arn:", field, ":mobiletargeting:", field, ":", field, ":apps/", field]
    # Limitation: a variable or local is assumed to hold one ARN field, as
    # the project decided; one that holds a whole ARN reads too narrowly.
    if any(pattern.fullmatch(expression) for pattern in _SEGMENT_REFERENCES):
        return [Unknown(label, UnknownKind.SEGMENT)]
    return [Unknown(label, UnknownKind.ANY)]


def _scan_to_close(text: str, index: int) -> int:
    """Return the index after the bracket that closes one opened before ``index``.

    Works for ``${``/``%{`` templates and for function calls alike; strings and
    brackets inside are stepped over whole (see :func:`close_of`), so
    ``${format("${x}", y)}`` closes at its last brace. An unclosed bracket runs
    to the end of the text.
    """
    end = close_of(text, index, ")")
    return len(text) if end is None else end


#: What opens a segment, escapes first: the leftmost match is where a scan from
#: the left would stop.
_OPENING = re.compile(r"\$\$\{|%%\{|\$\{|%\{")


def _iter_segments(text: str) -> Iterator[tuple[str, int, int]]:
    """Split text into ``bare``, ``template`` and ``literal`` segments.

    Yields ``(kind, start, end)``. A template is a ``${...}`` or ``%{...}``.
    An escaped one (``$${...}``, ``%%{...}``) is literal text, which Terraform
    renders with one ``$``/``%`` dropped; its span starts after that character.
    Bare text may still hold interpolations whose ``${}`` checkov stripped.
    """
    index = bare_start = 0
    while (opening := _OPENING.search(text, index)) is not None:
        at = opening.start()
        if len(opening.group()) == 3:  # an escape: $${ or %%{
            kind, start, end = "literal", at + 1, _scan_to_close(text, at + 3)
        else:
            kind, start, end = "template", at, _scan_to_close(text, at + 2)
        yield "bare", bare_start, at
        yield kind, start, end
        index = bare_start = end
    yield "bare", bare_start, len(text)


def iter_template_spans(text: str) -> Iterator[tuple[int, int]]:
    """Yield the ``(start, end)`` of each ``${...}`` or ``%{...}`` in ``text``.

    ``$${`` and ``%%{`` are Terraform's escapes for literal text and are not
    templates.
    """
    for kind, start, end in _iter_segments(text):
        if kind == "template":
            yield start, end


def _bare_parts(text: str) -> list[Part]:
    """Read text in which checkov stripped the ``${}`` of interpolations."""
    parts: list[Part] = []
    index = 0
    while index < len(text):
        call = _FUNCTION_START.search(text, index)
        reference = _REFERENCE.search(text, index)
        if call and (not reference or call.start() <= reference.start()):
            end = _scan_to_close(text, call.end())
            parts += [
                text[index : call.start()],
                Unknown(label_of(text[call.start() : end])),
            ]
            index = end
        elif reference:
            parts.append(text[index : reference.start()])
            parts += expression_parts(reference.group())
            index = reference.end()
        else:
            parts.append(text[index:])
            break
    return parts


def whole_expression(text: str) -> str | None:
    """Return the expression when the whole text is one Terraform expression.

    Args:
        text: A string from the conf checkov handed over.

    Returns:
        The expression without ``${}`` when ``text`` is a single interpolation,
        a bare reference, a function call, a ``for`` expression or a
        conditional; None when it is literal text, possibly with
        interpolations inside.
    """
    stripped = text.strip()
    spans = list(iter_template_spans(stripped))
    if spans == [(0, len(stripped))] and stripped.startswith("${"):
        return stripped[2:-1].strip()
    if spans:
        return None
    if _REFERENCE.fullmatch(stripped):
        return stripped
    call = _FUNCTION_START.match(stripped)
    if call and _scan_to_close(stripped, call.end()) == len(stripped):
        return stripped
    # A double quote never appears in an action or an ARN, but it does in the
    # text checkov leaves for an expression it could not evaluate.
    if stripped.startswith(("[for ", "{for ")) or '"' in stripped:
        return stripped
    if _CONDITIONAL.search(stripped):
        return stripped
    return None


def after_apply_value(path: Path, reference: str | None = None) -> Value:
    """Return a value that a Terraform plan only knows after apply.

    Args:
        path: Where the value sits.
        reference: The reference checkov put in its place, if any.
    """
    label = AFTER_APPLY_LABEL
    if reference:
        label = f"{label_of(reference)} {AFTER_APPLY_LABEL}"
    return Value((Unknown(label, UnknownKind.ANY),), path)


def plan_placeholders(block: dict[str, Any]) -> frozenset[str]:
    """Return the references that stand in for unknown values in a plan block.

    Where a plan only knows a value after apply, it writes ``null`` (or leaves
    the attribute out), and checkov's plan parser puts the first reference of
    the configured expression in its place, listing all references under
    ``references_``. The stand-in loses the rest of the expression:
    ``"${aws_pinpoint_app.main.arn}/*"`` arrives as
    ``"aws_pinpoint_app.main.arn"``. checkov does not add ``references_`` for
    ``.tf`` files, so there this is empty.

    Args:
        block: A block's conf (a resource, or a ``statement`` block).

    Returns:
        Every reference listed for the block.
    """
    # Limitation: only an element that is exactly a stand-in is recognised;
    # the stand-in drops the rest of the expression ("/*"), so the element
    # reads as wholly unknown rather than as an app-scoped ARN.
    groups = block.get(PLAN_REFERENCES_KEY)
    if not isinstance(groups, list):
        return frozenset()
    return frozenset(
        reference
        for group in groups
        if isinstance(group, list)
        for reference in group
        if isinstance(reference, str)
    )


def parse_value(text: str, path: Path = ()) -> Value:
    """Read one Terraform string into literal text and unknown parts.

    Args:
        text: The string as checkov handed it over.
        path: Where the string sits, in the user's terms.

    Returns:
        The value; see the module docstring for how interpolations read.
    """
    if text == TRUE_AFTER_UNKNOWN:
        return after_apply_value(path)
    whole = whole_expression(text)
    if whole is not None:
        return _shown_as_written(Value.of(expression_parts(whole), path))

    parts: list[Part] = []
    for kind, start, end in _iter_segments(text):
        segment = text[start:end]
        if kind == "bare":
            parts += _bare_parts(segment)
        elif kind == "literal":
            parts.append(segment)
        elif segment.startswith("${") and segment.endswith("}"):
            parts += expression_parts(segment[2:-1])
        else:
            # Limitation: %{ if }/%{ for } directives are not evaluated; each
            # one reads as unknown text.
            parts.append(Unknown(segment, UnknownKind.ANY))
    return _shown_as_written(Value.of(parts, path))


def _shown_as_written(value: Value) -> Value:
    """Show an expanded app ARN in messages as the reference the user wrote.

    ``${aws_pinpoint_app.x.arn}`` is read as the four unknown fields of an app
    ARN, each labelled with the reference; spelled out from its parts it would
    read ``arn:${...}:mobiletargeting:${...}:...``.
    """
    shown: list[str] = []
    parts = value.parts
    index = 0
    expanded = False
    while index < len(parts):
        part = parts[index]
        window = parts[index : index + len(_APP_ARN_SHAPE)]
        if part == "arn:" and _is_app_arn(window):
            label = window[1].label  # type: ignore[union-attr]
            shown.append(label)
            index += len(_APP_ARN_SHAPE)
            expanded = True
            continue
        shown.append(part if isinstance(part, str) else part.label)
        index += 1
    if not expanded:
        return value
    return Value(value.parts, value.path, "".join(shown))


_APP_ARN_SHAPE = ("arn:", None, ":mobiletargeting:", None, ":", None, ":apps/", None)


def _is_app_arn(window: tuple[Part, ...]) -> bool:
    if len(window) != len(_APP_ARN_SHAPE):
        return False
    unknowns = [part for part in window if isinstance(part, Unknown)]
    literals = [part for part in window if isinstance(part, str)]
    return (
        len(unknowns) == 4
        and len({part.label for part in unknowns}) == 1
        and tuple(literals) == tuple(p for p in _APP_ARN_SHAPE if p is not None)
    )


def describe(raw: Any) -> str:
    """Name the JSON type of a value for a message (``a boolean (true)``)."""
    if raw is None:
        return "null"
    if isinstance(raw, bool):
        return f"a boolean ({str(raw).lower()})"
    if isinstance(raw, (int, float)):
        return f"a number ({raw!r})"
    if isinstance(raw, dict):
        return "an object"
    if isinstance(raw, list):
        return "a list"
    if isinstance(raw, str):
        return "a string"
    return f"a {type(raw).__name__}"


def read_expression(
    expression: str, path: Path, key: str
) -> tuple[list[Value], list[Skipped]]:
    """Read an expression checkov left unevaluated into the values it can take.

    Like ``Fn::If`` in CloudFormation, a conditional ``COND ? A : B`` stands
    for both of its results: each is read on its own and judged on its own,
    at the conditional's path. A result is read as what it is written as: a
    quoted string as text (with interpolations), a list of strings as one
    value per item, anything else as an interpolation.

    Args:
        expression: The expression without ``${}``, as checkov left it.
        path: Where the element sits, in the user's terms.
        key: The element's name for messages (``Action``, ``resources``).

    Returns:
        The values, and a :class:`Skipped` for each result that names
        Pinpoint but cannot be worked out (``format("mobiletargeting:%s",
        var.x)``): read as a plain unknown, it would pass unnoticed.
    """
    values: list[Value] = []
    skipped: list[Skipped] = []
    pending = [expression]
    splits = 0
    while pending:
        current = strip_parentheses(pending.pop())
        conditional = split_conditional(current)
        if conditional is not None and splits < _MAX_CONDITIONALS:
            splits += 1
            _, if_true, if_false = conditional
            pending += [if_false, if_true]  # popped in the order written
        elif conditional is not None:
            reason = (
                f"{key} nests more than {_MAX_CONDITIONALS} conditionals; the"
                f" results of {label_of(current)!r} are not checked"
            )
            skipped.append(Skipped(reason, path))
        else:
            _read_result(current, path, key, values, skipped)
    return values, skipped


def _read_result(
    expression: str,
    path: Path,
    key: str,
    values: list[Value],
    skipped: list[Skipped],
) -> None:
    """Read one expression that is not a conditional (see :func:`read_expression`)."""
    text = quoted_text(expression)
    if text is not None:
        values.append(parse_value(text, path))
        return
    items = list_of_strings(expression)
    if items is not None:
        values += [parse_value(item, (*path, i)) for i, item in enumerate(items)]
        return
    if names_pinpoint(expression):
        reason = (
            f"{key} is built by the Terraform expression {label_of(expression)!r},"
            " which checkov could not evaluate; the Pinpoint action or ARN it"
            " builds is not checked"
        )
        skipped.append(Skipped(reason, path))
        return
    values.append(_shown_as_written(Value.of(expression_parts(expression), path)))


def _read_string(
    text: str, path: Path, key: str, placeholders: frozenset[str]
) -> tuple[list[Value], list[Skipped]]:
    """Read one string element, minding a plan's stand-ins for unknowns."""
    if text in placeholders:
        return [after_apply_value(path, text)], []
    whole = whole_expression(text) if text != TRUE_AFTER_UNKNOWN else None
    if whole is None:
        return [parse_value(text, path)], []
    return read_expression(whole, path, key)


def read_elements(
    raw: Any, path: Path, key: str, placeholders: frozenset[str] = frozenset()
) -> tuple[list[Value], list[Skipped]]:
    """Read an Action/Resource-like element: a string or a list of strings.

    Args:
        raw: The element as checkov handed it over.
        path: Where the element sits, in the user's terms.
        key: The element's name for messages (``Action``, ``resources``).
        placeholders: References that stand in for values a plan only knows
            after apply (see :func:`plan_placeholders`).

    Returns:
        One value per string (one per result of a conditional), and a
        :class:`Skipped` for each part that is not a string or that names
        Pinpoint in an expression checkov could not evaluate. ``null`` list
        items are values a plan only knows after apply.
    """
    if isinstance(raw, str):
        return _read_string(raw, path, key, placeholders)
    if not isinstance(raw, list):
        reason = f"{key} is {describe(raw)}, expected a string or a list of strings"
        return [], [Skipped(reason, path)]
    if not raw:
        reason = (
            f"{key} is an empty list; if it is built from a variable or a function,"
            " checkov could not work it out, so nothing in it is checked"
        )
        return [], [Skipped(reason, path)]

    values: list[Value] = []
    skipped: list[Skipped] = []
    for index, item in enumerate(raw):
        item_path = (*path, index)
        if isinstance(item, str):
            read, unread = _read_string(item, item_path, key, placeholders)
            values += read
            skipped += unread
        elif item is None:
            values.append(after_apply_value(item_path))
        else:
            reason = f"{key} item {index} is {describe(item)}, expected a string"
            skipped.append(Skipped(reason, item_path))
    return values, skipped
