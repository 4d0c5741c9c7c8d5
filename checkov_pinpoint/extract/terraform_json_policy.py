"""Terraform ``policy`` attributes → :class:`~checkov_pinpoint.model.Policy`.

A ``policy`` (or ``inline_policy``) attribute reaches a check in one of these
shapes, depending on how it was written and how far checkov got with it:

* ``[{...}]``: ``jsonencode({...})``, a JSON string or a heredoc that checkov
  already decoded (and, in a plan, the JSON string Terraform rendered);
* ``["{...}"]``: JSON text checkov could not decode, for instance a heredoc
  whose interpolations contain double quotes;
* ``["${jsonencode({...})}"]``: a ``jsonencode`` checkov did not evaluate, with
  its argument printed as a Python literal (seen in ``dynamic`` blocks);
* ``["data.aws_iam_policy_document.x.json"]`` or any other expression
  checkov could not evaluate (``file(...)``, ``var.policy``);
* ``{...}`` without the list: a ``dynamic "inline_policy"`` block checkov
  expanded, with every statement field wrapped in a one-item list.
"""

from __future__ import annotations

import ast
import json
import re
from typing import Any

from checkov_pinpoint.extract.terraform_values import (
    TRUE_AFTER_UNKNOWN,
    describe,
    iter_template_spans,
    label_of,
    read_elements,
    whole_expression,
)
from checkov_pinpoint.model import Path, Policy, Skipped, Statement

_DOCUMENT_OUTPUT = re.compile(
    r"data\.aws_iam_policy_document\.([A-Za-z_][A-Za-z0-9_-]*)"
    r'(?:\[(?:\d+|"[^"]*")\])?\.(?:json|minified_json)'
)
_JSONENCODE = re.compile(r"jsonencode\((.*)\)", re.DOTALL)
# Placeholders for interpolations while JSON text is decoded: private-use
# characters that no policy uses and that need no escaping in JSON.
_PLACEHOLDER = re.compile("\ue000(\\d+)\ue001")
_SCALAR_FIELDS = ("Sid", "Effect")
_LIST_FIELDS = ("Action", "NotAction", "Resource", "NotResource")


#: How the reason of a :class:`Skipped` ends when the statements it stands for
#: are read at an ``aws_iam_policy_document`` data source instead.
CHECKED_AT_DATA_SOURCE = "its statements are checked at that data source"


class PolicyTextError(ValueError):
    """A policy attribute whose text cannot be read as a policy document."""

    def __init__(self, reason: str) -> None:
        """Keep the user-facing reason."""
        super().__init__(reason)
        self.reason = reason


def _restore(document: Any, originals: list[str]) -> Any:
    """Put interpolations back where :func:`_loads_template_json` hid them."""
    if isinstance(document, str):
        return _PLACEHOLDER.sub(lambda m: originals[int(m.group(1))], document)
    if isinstance(document, list):
        return [_restore(item, originals) for item in document]
    if isinstance(document, dict):
        return {
            _restore(key, originals): _restore(value, originals)
            for key, value in document.items()
        }
    return document


def _loads_template_json(text: str) -> Any:
    """Decode JSON text that may hold Terraform interpolations in its strings.

    Interpolations are hidden behind placeholders while decoding, so
    ``"${var.flag ? "a" : "b"}"`` inside a JSON string does not end it.

    Raises:
        ValueError: The text is not JSON even with interpolations hidden.
    """
    # Limitation: an interpolation outside a JSON string
    # ("Resource": ${jsonencode(var.arns)}) still makes the text invalid JSON.
    if "\ue000" in text:
        return json.loads(text)  # placeholders would clash; decode as it is
    originals: list[str] = []
    pieces: list[str] = []
    last = 0
    for start, end in iter_template_spans(text):
        pieces += [text[last:start], f"\ue000{len(originals)}\ue001"]
        originals.append(text[start:end])
        last = end
    pieces.append(text[last:])
    return _restore(json.loads("".join(pieces)), originals)


def _expression_reason(expression: str) -> str:
    """Say why a policy given as a Terraform expression is not read here."""
    document = _DOCUMENT_OUTPUT.fullmatch(expression)
    if document:
        return (
            f"policy comes from data.aws_iam_policy_document.{document.group(1)};"
            f" {CHECKED_AT_DATA_SOURCE}"
        )
    return (
        f"policy depends on the Terraform expression {label_of(expression)!r},"
        " whose value is only known when Terraform runs; its statements are not"
        " checked"
    )


def decode_policy_text(text: str, placeholders: frozenset[str] = frozenset()) -> Any:
    """Decode the text of a policy attribute.

    Args:
        text: The attribute's string as checkov handed it over.
        placeholders: References that stand in for values a plan only knows
            after apply.

    Returns:
        The decoded document (any JSON value).

    Raises:
        PolicyTextError: The text is only known after apply, an expression
            checkov could not evaluate, or not valid JSON.
    """
    stripped = text.strip()
    if stripped == TRUE_AFTER_UNKNOWN:
        raise PolicyTextError(
            "policy is only known after apply in this plan; its statements are"
            " not checked"
        )
    if stripped in placeholders and not _DOCUMENT_OUTPUT.fullmatch(stripped):
        raise PolicyTextError(
            "policy is only known after apply in this plan (it depends on"
            f" {label_of(stripped)}); its statements are not checked"
        )
    looks_like_json = stripped[0] in "{[" and not stripped.startswith(
        ("{for ", "[for ")
    )
    expression = None if looks_like_json else whole_expression(stripped)
    if expression is not None:
        return _decode_jsonencode(expression)
    try:
        return _loads_template_json(stripped)
    except (ValueError, RecursionError) as error:
        raise PolicyTextError(
            f"policy is not valid JSON ({error}); its statements are not checked"
        ) from error


def _decode_jsonencode(expression: str) -> Any:
    """Read ``jsonencode(<Python literal>)`` text that checkov left unevaluated.

    Raises:
        PolicyTextError: The expression is anything else.
    """
    call = _JSONENCODE.fullmatch(expression)
    if call:
        try:
            # literal_eval only builds literals; it never runs code.
            return ast.literal_eval(call.group(1))
        except (ValueError, TypeError, SyntaxError, RecursionError, MemoryError):
            pass
    raise PolicyTextError(_expression_reason(expression))


def _unwrap_rendered(key: str, raw: Any) -> Any:
    """Undo the one-item lists checkov puts around fields in expanded blocks.

    checkov wraps a scalar as ``["Allow"]``, and each item of a longer list
    as ``[["a"], ["b"]]``. A one-item list (``["a"]``) is left as it is: it
    may be a wrapped string or a list of one, and both read the same.
    """
    if not isinstance(raw, list):
        return raw
    if len(raw) == 1 and (key in _SCALAR_FIELDS or isinstance(raw[0], list)):
        return raw[0]
    return [
        item[0] if isinstance(item, list) and len(item) == 1 else item for item in raw
    ]


def _read_choice(
    raw: dict[str, Any], keys: tuple[str, str], path: Path
) -> tuple[str, list[Any], list[Skipped]]:
    """Read whichever of ``Action``/``NotAction`` (or the resource pair) is set."""
    present = [key for key in keys if key in raw]
    if not present:
        return keys[0], [], []
    key = present[0]
    values, skipped = read_elements(raw[key], (*path, key), key)
    if len(present) > 1:
        reason = f"statement has both {keys[0]} and {keys[1]}; only {key} is checked"
        skipped.append(Skipped(reason, path))
    return key, values, skipped


def read_json_statement(
    raw: dict[str, Any], index: int, path: Path, rendered: bool = False
) -> Statement:
    """Read one JSON-shaped statement.

    Args:
        raw: The statement object.
        index: Its position in the ``Statement`` list.
        path: Where it sits, in the user's terms.
        rendered: True when checkov expanded it from a ``dynamic`` block and
            wrapped each field in a one-item list.

    Returns:
        The statement; unreadable elements are in its ``skipped``.
    """
    if rendered:
        raw = {key: _unwrap_rendered(key, value) for key, value in raw.items()}
    effect = raw.get("Effect")
    sid = raw.get("Sid")
    action_key, actions, action_skips = _read_choice(raw, _LIST_FIELDS[:2], path)
    resource_key, resources, resource_skips = _read_choice(raw, _LIST_FIELDS[2:], path)
    return Statement(
        index=index,
        path=path,
        effect=effect if effect in ("Allow", "Deny") else None,
        sid=sid if isinstance(sid, str) and sid else None,
        action_key=action_key,
        actions=tuple(actions),
        resource_key=resource_key,
        resources=tuple(resources),
        has_condition=bool(raw.get("Condition")),
        skipped=tuple(action_skips + resource_skips),
    )


def _statement_items(
    raw: Any, path: Path, rendered: bool
) -> tuple[list[tuple[int, Path, Any]], list[Skipped]]:
    """List ``(index, path, statement)`` for a ``Statement`` element."""
    if rendered and isinstance(raw, list) and len(raw) == 1:
        raw = raw[0] if isinstance(raw[0], list) else raw
    if isinstance(raw, dict):
        return [(0, path, raw)], []
    if isinstance(raw, list) and raw:
        return [(index, (*path, index), item) for index, item in enumerate(raw)], []
    if isinstance(raw, list):
        reason = (
            "Statement is an empty list; if it is built from a variable or a"
            " function, checkov could not work it out, so nothing in it is checked"
        )
    elif isinstance(raw, str) and (expression := whole_expression(raw)) is not None:
        reason = (
            f"Statement is the Terraform expression {label_of(expression)!r},"
            " whose value is only known when Terraform runs; it is not checked"
        )
    else:
        reason = (
            f"Statement is {describe(raw)}, expected an object or a list of objects"
        )
    return [], [Skipped(reason, path)]


def read_json_policy(
    document: dict[str, Any], path: Path, name: str | None, rendered: bool = False
) -> Policy:
    """Read a decoded policy document.

    Args:
        document: The JSON object.
        path: Where the document sits, in the user's terms.
        name: The policy's name, for messages.
        rendered: True when checkov expanded it from a ``dynamic`` block.

    Returns:
        The policy with every statement that could be read.
    """
    if "Statement" not in document:
        skip = Skipped("policy document has no Statement element", path)
        return Policy(path=path, name=name, skipped=(skip,))

    items, skipped = _statement_items(
        document["Statement"], (*path, "Statement"), rendered
    )
    statements: list[Statement] = []
    for index, item_path, item in items:
        if isinstance(item, dict):
            statements.append(read_json_statement(item, index, item_path, rendered))
        else:
            reason = f"Statement {index} is {describe(item)}, expected an object"
            skipped.append(Skipped(reason, item_path))
    return Policy(
        path=path, name=name, statements=tuple(statements), skipped=tuple(skipped)
    )


def read_policy_attribute(
    raw: Any,
    path: Path,
    name: str | None,
    placeholders: frozenset[str] = frozenset(),
) -> Policy | None:
    """Read a ``policy``-like attribute in any shape checkov hands over.

    Args:
        raw: The attribute's value from the conf (see the module docstring).
        path: Where the attribute sits, in the user's terms.
        name: The policy's name, for messages.
        placeholders: References that stand in for values a plan only knows
            after apply (see ``plan_placeholders``).

    Returns:
        The policy, or None when the attribute holds no policy at all (an
        empty list or an empty string, as a plan shows an unset
        ``inline_policy``). Callers check that the attribute is present.
    """
    rendered = isinstance(raw, dict)
    if isinstance(raw, list) and len(raw) == 1:
        raw = raw[0]
    if raw == [] or (isinstance(raw, str) and not raw.strip()):
        return None
    if raw is None:
        reason = (
            "policy has no value: checkov could not evaluate the expression that"
            " builds it (or the plan leaves it null); its statements are not checked"
        )
        return Policy(path=path, name=name, skipped=(Skipped(reason, path),))

    document = raw
    if isinstance(raw, str):
        try:
            document = decode_policy_text(raw, placeholders)
        except PolicyTextError as error:
            skip = Skipped(
                error.reason,
                path,
                elsewhere=error.reason.endswith(CHECKED_AT_DATA_SOURCE),
            )
            return Policy(path=path, name=name, skipped=(skip,))
    if not isinstance(document, dict):
        reason = f"policy is {describe(document)}, expected a JSON policy document"
        return Policy(path=path, name=name, skipped=(Skipped(reason, path),))
    return read_json_policy(document, path, name, rendered)
