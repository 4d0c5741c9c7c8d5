"""SAM policy templates that grant Pinpoint access, expanded as SAM expands them.

A SAM function's ``Policies`` may name a policy template with its parameters
(``- PinpointEndpointAccessPolicy: {PinpointApplicationId: !Ref App}``). SAM turns
that into an inline policy at deploy time; this module does the same expansion so
the generated statements are checked like written ones.

The definitions below are copied as data from aws-sam-translator 1.115.0
(``samtranslator/policy_templates_data/policy_templates.json``); only the
templates that mention ``mobiletargeting`` or ``sms-voice`` are kept.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

from checkov_pinpoint.model import Path

__all__ = ["SAM_PINPOINT_TEMPLATES", "expand_sam_policy"]

SAM_PINPOINT_TEMPLATES: dict[str, dict[str, Any]] = {
    "PinpointEndpointAccessPolicy": {
        "Statement": [
            {
                "Effect": "Allow",
                "Action": [
                    "mobiletargeting:GetEndpoint",
                    "mobiletargeting:UpdateEndpoint",
                    "mobiletargeting:UpdateEndpointsBatch",
                ],
                "Resource": {
                    "Fn::Sub": [
                        "arn:${AWS::Partition}:mobiletargeting:${AWS::Region}:"
                        "${AWS::AccountId}:apps/${pinpointApplicationId}/endpoints/*",
                        {"pinpointApplicationId": {"Ref": "PinpointApplicationId"}},
                    ]
                },
            }
        ]
    },
}


def expand_sam_policy(entry: Mapping[str, Any], path: Path) -> dict[str, Any] | None:
    """Return the policy document SAM generates for one policy-template entry.

    Args:
        entry: A one-key mapping ``{TemplateName: {Parameter: value}}``.
        path: Where the entry sits (unused today; kept for error messages).

    Returns:
        The expanded document, or None when the template does not concern
        Pinpoint (its statements cannot grant Pinpoint actions).
    """
    name, arguments = next(iter(entry.items()))
    template = SAM_PINPOINT_TEMPLATES.get(str(name))
    if template is None:
        return None
    arguments = arguments if isinstance(arguments, Mapping) else {}
    expanded: dict[str, Any] = _substitute(copy.deepcopy(template), arguments)
    return expanded


def _substitute(node: Any, arguments: Mapping[str, Any]) -> Any:
    """Replace ``{"Ref": Parameter}`` with the caller's value for that parameter."""
    if isinstance(node, dict):
        if len(node) == 1 and "Ref" in node and node["Ref"] in arguments:
            return arguments[node["Ref"]]
        return {key: _substitute(value, arguments) for key, value in node.items()}
    if isinstance(node, list):
        return [_substitute(item, arguments) for item in node]
    return node
