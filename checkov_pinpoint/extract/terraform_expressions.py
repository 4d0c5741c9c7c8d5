"""Reading the shape of Terraform expressions that checkov left unevaluated.

checkov renders an expression it could not evaluate back into text: a
conditional arrives as ``var.on ? "a" : "b"`` (``true`` spelled ``True``), a
list as a Python literal ``['a', 'b']``, a call as ``format("x:%s",var.y)``.
The functions here split such text at its top level only, so quotes, brackets
and templates nested in quoted strings (``"${x ? "a" : "b"}"``) are stepped
over whole. They only look at text; what the pieces mean is up to the caller.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator

_QUOTES = "\"'"
_CLOSER = {"(": ")", "[": "]", "{": "}", '"': '"', "'": "'"}

# A quoted string that starts with a Pinpoint action prefix or a Pinpoint ARN.
# A quote is never followed directly by such text except where it opens a
# string, so the quote needs no matching here.
_PINPOINT_LITERAL = re.compile(
    r"[\"'](?:arn:[^:\"'\s]*:)?(?:mobiletargeting|sms-voice):", re.IGNORECASE
)
_ESCAPE = re.compile(r"\\([\"\\])")


def _span_end(text: str, start: int) -> int | None:
    """Return the index after the string or bracket that opens at ``start``.

    Returns:
        The index, or None when the span is never closed.
    """
    return close_of(text, start + 1, _CLOSER[text[start]])


def close_of(text: str, index: int, closer: str) -> int | None:
    """Return the index after ``closer``, for a span opened before ``index``.

    Strings (either quote) and brackets met on the way are stepped over whole;
    inside a double-quoted string, ``${`` and ``%{`` open templates whose own
    quotes nest. Closing brackets are not matched against their openers: text
    from checkov is well formed or already cut short. The scan keeps its own
    stack, so deep nesting cannot exhaust Python's.

    Returns:
        The index, or None when the span is never closed.
    """
    stack = [closer]
    while index < len(text) and stack:
        char = text[index]
        top = stack[-1]
        if top in _QUOTES:
            if char == "\\":
                index += 1
            elif char == top:
                stack.pop()
            elif top == '"' and text.startswith(("${", "%{"), index):
                stack.append("}")
                index += 1
        elif char in _CLOSER:
            stack.append(_CLOSER[char])
        elif char in ")]}":
            stack.pop()
        index += 1
    return None if stack else index


def _top_level(text: str) -> Iterator[tuple[int, str]]:
    """Yield ``(index, character)`` for each character outside strings and brackets.

    An unclosed string or bracket ends the scan: nothing after it is top level.
    """
    index = 0
    while index < len(text):
        char = text[index]
        if char in _CLOSER:
            end = _span_end(text, index)
            if end is None:
                return
            index = end
            continue
        yield index, char
        index += 1


def _is_one_span(text: str, openers: str) -> bool:
    """Tell whether the whole text is one string or bracket opened by ``openers``."""
    return bool(text) and text[0] in openers and _span_end(text, 0) == len(text)


def split_conditional(expression: str) -> tuple[str, str, str] | None:
    """Split ``COND ? A : B`` at its top level.

    Terraform's conditional groups to the right, so ``a ? b : c ? d : e``
    splits into ``a``, ``b`` and ``c ? d : e``, and ``a ? b ? c : d : e`` into
    ``a``, ``b ? c : d`` and ``e``.

    Args:
        expression: An expression without ``${}``.

    Returns:
        The condition and both results, stripped; None when the expression is
        not a conditional at its top level.
    """
    question: int | None = None
    pending = 0
    for index, char in _top_level(expression):
        if char == "?":
            if question is None:
                question = index
            else:
                pending += 1
        elif char == ":" and question is not None:
            if pending:
                pending -= 1
                continue
            pieces = (
                expression[:question].strip(),
                expression[question + 1 : index].strip(),
                expression[index + 1 :].strip(),
            )
            return pieces if all(pieces) else None
    return None


def strip_parentheses(expression: str) -> str:
    """Remove parentheses that wrap the whole expression: ``((a ? b : c))``."""
    expression = expression.strip()
    while _is_one_span(expression, "("):
        expression = expression[1:-1].strip()
    return expression


def quoted_text(expression: str) -> str | None:
    """Return the content of a string literal that makes up the whole expression.

    Args:
        expression: ``"text"`` as HCL writes it, or ``'text'`` as checkov
            prints a Python string.

    Returns:
        The text between the quotes with ``\\"`` and ``\\\\`` unescaped, or
        None when the expression is anything else.
    """
    if not _is_one_span(expression, _QUOTES):
        return None
    return _ESCAPE.sub(r"\1", expression[1:-1])


def list_of_strings(expression: str) -> list[str] | None:
    """Return the strings of a list literal that makes up the whole expression.

    checkov prints an unevaluated list as a Python literal (``['a', 'b']``);
    a list HCL wrote with double quotes reads the same way.

    Returns:
        The strings, or None when the expression is not a list of strings.
    """
    if not _is_one_span(expression, "["):
        return None
    try:
        # literal_eval only builds literals; it never runs code.
        items = ast.literal_eval(expression)
    except (ValueError, TypeError, SyntaxError, RecursionError, MemoryError):
        return None
    if isinstance(items, list) and all(isinstance(item, str) for item in items):
        return items
    return None


def names_pinpoint(expression: str) -> bool:
    """Tell whether the expression holds a string that names Pinpoint.

    A string literal that starts with ``mobiletargeting:`` or ``sms-voice:``
    (an action) or with a Pinpoint ARN, in any case, means the expression
    builds something about Pinpoint even if its value cannot be worked out.
    """
    return _PINPOINT_LITERAL.search(expression) is not None
