"""An example checkov-pinpoint plugin, as an organisation would write one.

It is found through the ``checkov_pinpoint`` entry-point group of the
``acme-pinpoint-policy`` distribution beside it (``*.dist-info``), so putting
this directory on ``PYTHONPATH`` installs it for every host. It:

- registers the rule ``ACME_NO_SEND_ON_STAR`` (checkov ``CKV_ACME_1``, cfn-lint
  ``E9901``): Acme never grants a send action on Resource ``'*'``;
- adds the private action ``mobiletargeting:AcmePreviewAction`` to the catalog,
  so that it is no longer reported as an invalid action;
- accepts any wildcard over Acme's sandbox account's projects, and rates
  unscoped wildcards LOW.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence

from checkov_pinpoint.engine.context import StatementView
from checkov_pinpoint.engine.rules import Rule
from checkov_pinpoint.model import Finding, Severity
from checkov_pinpoint.plugins import hookimpl

#: The account whose every project Acme's sandbox roles may reach.
SANDBOX_PROJECTS = "arn:aws:mobiletargeting:*:111111111111:apps/*"

_APP = "arn:${Partition}:mobiletargeting:${Region}:${Account}:apps/${AppId}"


class NoSendOnStar(Rule):
    """A send action granted on every resource at once."""

    code = "ACME_NO_SEND_ON_STAR"
    checkov_id = "CKV_ACME_1"
    cfnlint_id = "E9901"
    title = "Ensure send actions are never granted on Resource '*'"
    severity = Severity.HIGH
    rationale = (
        "Acme's messaging policy: a role that sends messages names the project or "
        "pool it sends from, so that a leaked role cannot message from any of them."
    )
    bad_example = 'Action: mobiletargeting:SendMessages\nResource: "*"'
    fixed_example = "Action: mobiletargeting:SendMessages\nResource: !Sub ${PinpointApp.Arn}/messages"

    def findings(self, view: StatementView) -> Iterator[Finding]:
        """Yield one finding per ``'*'`` resource of an Allow granting a send action."""
        sends = [a.action for a in view.granted if a.name.startswith("Send")]
        if not view.is_allow or not sends:
            return
        for value in view.statement.resources:
            if value.literal_text() == "*":
                yield self.finding(
                    view,
                    value.path,
                    f"{', '.join(sends)} granted on Resource '*'; Acme names the "
                    "project or pool a role sends from",
                )


@hookimpl
def pinpoint_register_rules() -> Sequence[Rule]:
    """Acme's own rule."""
    return (NoSendOnStar(),)


@hookimpl
def pinpoint_catalog_entries() -> Sequence[Mapping[str, object]]:
    """A private preview action Acme's accounts are enabled for."""
    return [
        {
            "action": "mobiletargeting:AcmePreviewAction",
            "family": "pinpoint",
            "access_level": "Read",
            "resources": [_APP],
            "required_resources": [_APP],
            "optional_resources": [],
            "condition_keys": [],
            "method": None,
            "uri": None,
            "retired": None,
            "source": "acme-pinpoint-policy",
            "provenance": {"note": "private preview, not in AWS's public reference"},
        }
    ]


@hookimpl
def pinpoint_organisation_policy() -> Mapping[str, object]:
    """Sandbox projects may be granted by wildcard; unscoped wildcards rate LOW."""
    return {
        "allowed_wildcard_resources": [SANDBOX_PROJECTS],
        "severity_overrides": {"PINPOINT_UNSCOPED_WILDCARD": "low"},
    }
