"""``data "aws_iam_policy_document"`` → :class:`~checkov_pinpoint.model.Policy`.

checkov hands a data check the block with each argument wrapped in a one-item
list: ``{"statement": [{"sid": ["A"], "actions": [["x", "y"]], ...}]}``. Two of
its habits matter here:

* checkov's HCL parser sorts the strings of every list
  (``clean_parser_types_lst``), so ``actions`` and ``resources`` arrive in
  alphabetical order, not in the order they were written;
* an argument checkov evaluated through a function arrives without the outer
  list (``concat(["a"], var.more)`` → ``["a"]``), and a list variable without a
  default arrives as ``[]``.

A Terraform plan hands the same block shape, built from the provider's values.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from checkov_pinpoint.extract.terraform_expressions import split_conditional
from checkov_pinpoint.extract.terraform_json_policy import read_policy_attribute
from checkov_pinpoint.extract.terraform_values import (
    describe,
    label_of,
    plan_placeholders,
    read_elements,
    read_expression,
    whole_expression,
)
from checkov_pinpoint.model import Path, Policy, Skipped, Statement, Value

_ACTION_KEYS = (("actions", "Action"), ("not_actions", "NotAction"))
_RESOURCE_KEYS = (("resources", "Resource"), ("not_resources", "NotResource"))
_MERGED_DOCUMENTS = ("source_policy_documents", "override_policy_documents")
_UNEVALUATED = (
    "{key} is an empty list; if it is built from a variable or a function,"
    " checkov could not work it out, so nothing in it is checked"
)


def _unwrap(raw: Any) -> Any:
    """Take an argument's value out of checkov's one-item list."""
    if isinstance(raw, list) and len(raw) == 1:
        return raw[0]
    return raw


def _is_set(raw: Any) -> bool:
    """Tell whether an argument holds something (plans write unset ones as null)."""
    value = _unwrap(raw)
    return value is not None and value != []


def _read_argument(
    block: dict[str, Any], key: str, path: Path
) -> tuple[list[Value], list[Skipped]]:
    """Read a list-of-strings argument such as ``actions``."""
    raw = block[key]
    if raw == []:
        return [], [Skipped(_UNEVALUATED.format(key=key), path)]
    value = _unwrap(raw)
    expression = whole_expression(value) if isinstance(value, str) else None
    if expression is not None and split_conditional(expression) is not None:
        # var.on ? ["a"] : ["b"]: each result is a list of its own.
        return read_expression(expression, path, key)
    if expression is not None:
        reason = (
            f"{key} is the Terraform expression {label_of(expression)!r}, which"
            " checkov could not evaluate; nothing in it is checked"
        )
        return [], [Skipped(reason, path)]
    return read_elements(value, path, key, plan_placeholders(block))


def _read_choice(
    block: dict[str, Any], keys: tuple[tuple[str, str], ...], path: Path
) -> tuple[str, list[Value], list[Skipped]]:
    """Read ``actions`` or ``not_actions`` (or the resource pair), whichever is set."""
    present = [pair for pair in keys if pair[0] in block and _is_set(block[pair[0]])]
    if not present:
        # An empty list straight from checkov means an unevaluated expression.
        present = [pair for pair in keys if block.get(pair[0]) == []]
    if not present:
        return keys[0][1], [], []
    key, json_key = present[0]
    values, skipped = _read_argument(block, key, (*path, key))
    if len(present) > 1:
        reason = (
            f"statement sets both {keys[0][0]} and {keys[1][0]}; only {key} is checked"
        )
        skipped.append(Skipped(reason, path))
    return json_key, values, skipped


def _has_blocks(raw: Any) -> bool:
    """Tell whether a block argument (``condition``) holds at least one block."""
    if isinstance(raw, dict):
        return True
    return isinstance(raw, list) and any(_has_blocks(item) for item in raw)


def _has_dynamic(block: dict[str, Any], name: str) -> bool:
    """Tell whether a block holds a ``dynamic "<name>"`` block."""
    dynamic = block.get("dynamic")
    entries = dynamic if isinstance(dynamic, list) else [dynamic]
    return any(isinstance(entry, dict) and name in entry for entry in entries)


def _effect(raw: Any) -> str | None:
    """Read ``effect``: Allow when unset, as the provider does; None if unknown."""
    # Limitation: checkov evaluates a conditional on a variable it does not
    # know as if the comparison were false (var.x == "a" ? "Allow" : "Deny"
    # arrives as "Deny"); such an effect cannot be told from a literal one.
    if raw is None:
        return "Allow"
    return raw if raw in ("Allow", "Deny") else None


def read_statement_block(block: dict[str, Any], index: int, path: Path) -> Statement:
    """Read one ``statement`` block.

    Args:
        block: The block as checkov handed it over.
        index: Its position among the ``statement`` blocks.
        path: Where it sits (``("statement", index)``).

    Returns:
        The statement; ``effect`` defaults to Allow as in the provider.
    """
    effect = _unwrap(block.get("effect"))
    sid = _unwrap(block.get("sid"))
    action_key, actions, action_skips = _read_choice(block, _ACTION_KEYS, path)
    resource_key, resources, resource_skips = _read_choice(block, _RESOURCE_KEYS, path)
    return Statement(
        index=index,
        path=path,
        effect=_effect(effect),
        sid=sid if isinstance(sid, str) and sid else None,
        action_key=action_key,
        actions=tuple(actions),
        resource_key=resource_key,
        resources=tuple(resources),
        has_condition=_has_blocks(block.get("condition"))
        or _has_dynamic(block, "condition"),
        skipped=tuple(action_skips + resource_skips),
    )


def _dynamic_skips(conf: dict[str, Any]) -> list[Skipped]:
    """Report ``dynamic "statement"`` blocks that checkov did not expand.

    checkov 3 expands dynamic blocks of resources only, never of data sources;
    an unexpanded one still holds its ``content`` and ``for_each``. An expanded
    one has its statements in ``statement`` already.
    """
    dynamic = conf.get("dynamic")
    entries = dynamic if isinstance(dynamic, list) else [dynamic]
    skipped: list[Skipped] = []
    for position, entry in enumerate(entries):
        body = entry.get("statement") if isinstance(entry, dict) else None
        if isinstance(body, dict) and "content" in body:
            reason = (
                'dynamic "statement" block is not expanded by checkov for data'
                " sources, so its statements are not checked; write them out as"
                " statement blocks, or scan the Terraform plan instead"
            )
            skipped.append(Skipped(reason, ("dynamic", position, "statement")))
    return skipped


def _statements(conf: dict[str, Any]) -> tuple[list[Statement], list[Skipped]]:
    """Read every ``statement`` block of a policy document."""
    raw = conf.get("statement")
    if raw is None:
        return [], []
    if not isinstance(raw, list):
        reason = f"statement is {describe(raw)}, expected statement blocks"
        return [], [Skipped(reason, ("statement",))]

    # Limitation: checkov sorts the strings of every HCL list, so an index in
    # ("statement", 0, "actions", 1) counts in alphabetical order, not in the
    # order the actions were written.
    statements: list[Statement] = []
    skipped: list[Skipped] = []
    for index, block in enumerate(raw):
        if isinstance(block, dict):
            statements.append(read_statement_block(block, index, ("statement", index)))
        else:
            reason = f"statement {index} is {describe(block)}, expected a block"
            skipped.append(Skipped(reason, ("statement", index)))
    return statements, skipped


def _merged_documents(conf: dict[str, Any]) -> Iterator[Policy]:
    """Yield the documents named in ``source_policy_documents`` and the like.

    Each is read like a ``policy`` attribute, so a reference to another
    ``aws_iam_policy_document`` says it is checked at that data source.
    """
    # Limitation: override_policy_documents replace statements that share a
    # Sid; here every document's statements are read as they are written.
    for key in _MERGED_DOCUMENTS:
        documents = _unwrap(conf.get(key))
        if not isinstance(documents, list):
            documents = [] if documents is None else [documents]
        for position, document in enumerate(documents):
            policy = read_policy_attribute(document, (key, position), None)
            if policy is not None:
                yield policy


def iter_policy_document(conf: dict[str, Any]) -> Iterator[Policy]:
    """Yield the policies an ``aws_iam_policy_document`` data source holds.

    Args:
        conf: The data block as checkov hands it to ``scan_data_conf``.

    Yields:
        The document itself (path ``()``) when it has statements or parts that
        could not be read, then one policy per merged source document.
    """
    statements, skipped = _statements(conf)
    skipped += _dynamic_skips(conf)
    if statements or skipped:
        yield Policy(path=(), statements=tuple(statements), skipped=tuple(skipped))
    yield from _merged_documents(conf)
