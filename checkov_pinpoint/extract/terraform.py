"""Terraform blocks → host-neutral policies.

The checkov adapter calls :func:`iter_terraform_policies` from a Terraform
check's ``scan_resource_conf`` or ``scan_data_conf`` with the conf checkov
hands over, for ``.tf`` files and Terraform plans alike. Paths in the results
start at the block and name what the user wrote: ``("policy", "Statement", 0,
"Action", 1)``, never checkov's one-item wrapper lists.

Plans differ from ``.tf`` files in what is known, not in shape: checkov
decodes a plan's ``policy`` JSON string into the same ``[{...}]`` a
``jsonencode`` gives. Where the plan only knows a policy after apply, checkov
puts the first non-variable reference of the expression in its place
(``["aws_pinpoint_app.main.arn"]``), which reads as an expression that is
not checked.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

from checkov_pinpoint.extract.terraform_json_policy import (
    read_policy_attribute,
)
from checkov_pinpoint.extract.terraform_policy_document import iter_policy_document
from checkov_pinpoint.extract.terraform_values import (
    plan_placeholders,
    whole_expression,
)
from checkov_pinpoint.model import Policy, Skipped

logger = logging.getLogger(__name__)

#: Resource types with a policy attribute, and the attribute's name.
_POLICY_ATTRIBUTES = {
    "aws_iam_policy": "policy",
    "aws_iam_role_policy": "policy",
    "aws_iam_user_policy": "policy",
    "aws_iam_group_policy": "policy",
    "aws_ssoadmin_permission_set_inline_policy": "inline_policy",
}
#: Resource types whose policies sit in ``inline_policy`` blocks.
_INLINE_POLICY_BLOCKS = frozenset({"aws_iam_role"})

#: Terraform resource types whose policies :func:`iter_terraform_policies` reads.
TERRAFORM_POLICY_RESOURCES: frozenset[str] = frozenset(_POLICY_ATTRIBUTES) | (
    _INLINE_POLICY_BLOCKS
)
#: Terraform data source types whose policies :func:`iter_terraform_policies` reads.
TERRAFORM_POLICY_DATA: frozenset[str] = frozenset({"aws_iam_policy_document"})


def _literal_name(raw: Any) -> str | None:
    """Return a block's ``name`` when it is written literally."""
    if isinstance(raw, list) and len(raw) == 1:
        raw = raw[0]
    if not isinstance(raw, str) or not raw or whole_expression(raw) is not None:
        return None
    return None if "${" in raw else raw


def _inline_policies(conf: dict[str, Any]) -> Iterator[Policy]:
    """Yield the policies of an ``aws_iam_role``'s ``inline_policy`` blocks."""
    # Limitation: for a dynamic "inline_policy" block checkov drops the static
    # inline_policy blocks next to it and adds an unexpanded copy of the
    # dynamic block's content; the policies read here are what checkov kept.
    blocks = conf.get("inline_policy")
    if not isinstance(blocks, list):
        return
    for index, block in enumerate(blocks):
        if not isinstance(block, dict) or "policy" not in block:
            continue
        path = ("inline_policy", index, "policy")
        name = _literal_name(block.get("name"))
        placeholders = plan_placeholders(block)
        policy = read_policy_attribute(block["policy"], path, name, placeholders)
        if policy is not None:
            yield policy


def _iter_policies(
    block_type: str, entity_type: str, conf: dict[str, Any]
) -> Iterator[Policy]:
    """Dispatch on the block's type; see :func:`iter_terraform_policies`."""
    if block_type == "data" and entity_type in TERRAFORM_POLICY_DATA:
        yield from iter_policy_document(conf)
    elif block_type == "resource" and entity_type in _INLINE_POLICY_BLOCKS:
        yield from _inline_policies(conf)
    elif block_type == "resource" and entity_type in _POLICY_ATTRIBUTES:
        key = _POLICY_ATTRIBUTES[entity_type]
        if key not in conf:
            return
        name = _literal_name(conf.get("name"))
        placeholders = plan_placeholders(conf)
        policy = read_policy_attribute(conf[key], (key,), name, placeholders)
        if policy is not None:
            yield policy


def is_checked_at_data_source(skipped: Skipped) -> bool:
    """Tell whether a skipped policy is read at its data source instead.

    ``policy = data.aws_iam_policy_document.x.json`` yields a policy holding
    only such a :class:`~checkov_pinpoint.model.Skipped`: nothing is missed,
    because the data source's own check reads the statements. A host may
    report it as a note rather than as a gap.

    Args:
        skipped: An entry from a policy's or statement's ``skipped``.

    Returns:
        True for the data-source hand-over, False for anything really unread.
    """
    return skipped.elsewhere


def _skips(policy: Policy) -> Iterator[Skipped]:
    """Yield everything that was skipped in a policy."""
    yield from policy.skipped
    for statement in policy.statements:
        yield from statement.skipped


def iter_terraform_policies(
    block_type: str, entity_type: str, conf: dict[str, Any]
) -> Iterator[Policy]:
    """Yield the policy documents of one Terraform block.

    Args:
        block_type: ``"resource"`` or ``"data"``.
        entity_type: The block's type, such as ``"aws_iam_role_policy"``.
        conf: The dict checkov passes to ``scan_resource_conf`` or
            ``scan_data_conf``, values wrapped in lists as checkov's HCL
            parser (or its plan parser) leaves them.

    Yields:
        One policy per policy document in the block, in the order written.
        Parts that cannot be read are :class:`~checkov_pinpoint.model.Skipped`
        entries with a reason; a block with no policy yields nothing, and so
        does a block type outside :data:`TERRAFORM_POLICY_RESOURCES` and
        :data:`TERRAFORM_POLICY_DATA`.
    """
    address = conf.get("__address__", entity_type)
    for policy in _iter_policies(block_type, entity_type, conf):
        for skip in _skips(policy):
            level = (
                logging.DEBUG if is_checked_at_data_source(skip) else logging.WARNING
            )
            logger.log(level, "%s: skipped %s: %s", address, skip.path, skip.reason)
        yield policy
