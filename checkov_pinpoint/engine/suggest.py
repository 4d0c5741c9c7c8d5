"""Concrete fixes in the template's own syntax.

A finding is only useful if it says what to write instead. Catalog shapes carry
``${...}`` placeholders; a :class:`Dialect` turns one into a Resource the user can
paste: ``!Sub arn:${AWS::Partition}:...:apps/${PinpointApp}/campaigns/*`` in
CloudFormation, ``"${aws_pinpoint_app.main.arn}/campaigns/*"`` in Terraform.
Identifiers below the scoping one become ``*``: the result is scoped to one
project (or template, or pool), which is what the unscoped rule asks for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Dialect", "GENERIC", "cloudformation", "terraform"]

_PLACEHOLDER = re.compile(r"\$\{([^}]*)\}")
_APP_PREFIX = re.compile(
    r"^arn:\$\{Partition\}:mobiletargeting:\$\{Region\}:\$\{Account\}:apps/\$\{[^}]*\}"
)
_PROJECT_WORDS = ("AppId", "ProjectId", "ApplicationId")


@dataclass(frozen=True)
class Dialect:
    """How one template format writes a resource ARN.

    Attributes:
        name: ``generic``, ``cloudformation`` or ``terraform``.
        partition: What to write for the partition, region and account.
        region: See ``partition``.
        account: See ``partition``.
        app: What to write for a Pinpoint project id, when one is known.
        app_arn: What to write for a whole app ARN, when one is known.
    """

    name: str
    partition: str = "${Partition}"
    region: str = "${Region}"
    account: str = "${Account}"
    app: str | None = None
    app_arn: str | None = None

    def resource(self, pattern: str) -> str:
        """Return a scoped Resource for a catalog shape, in this dialect."""
        scoped = _star_below_scope(pattern)
        if self.app_arn is not None and _APP_PREFIX.match(scoped):
            return self._wrap(_APP_PREFIX.sub(lambda _: self.app_arn or "", scoped))
        filled = (
            scoped.replace("${Partition}", self.partition)
            .replace("${Region}", self.region)
            .replace("${Account}", self.account)
        )
        return self._wrap(_PLACEHOLDER.sub(self._scope_value, filled))

    def _scope_value(self, found: re.Match[str]) -> str:
        name = found.group(1)
        if "::" in name or "." in name:
            return found.group(0)  # already this dialect's own syntax
        if name in _PROJECT_WORDS and self.app is not None:
            return self.app
        if self.name == "generic":
            return found.group(0)
        # The user names the one resource meant. Upper case rather than <Name>:
        # Markdown outputs would swallow angle brackets as an HTML tag.
        return re.sub(r"(?<!^)(?=[A-Z])", "_", name).upper()

    def _wrap(self, text: str) -> str:
        if self.name == "cloudformation":
            return f"!Sub {text}"
        if self.name == "terraform":
            return f'"{text}"'
        return text


def _star_below_scope(pattern: str) -> str:
    """Keep the resource part's first placeholder (the scope); make later ones ``*``."""
    resource_start = _nth(pattern, ":", 5)
    seen_scope = False
    out: list[str] = []
    position = 0
    for found in _PLACEHOLDER.finditer(pattern):
        out.append(pattern[position : found.start()])
        if found.start() > resource_start and seen_scope:
            out.append("*")
        else:
            out.append(found.group(0))
            seen_scope = seen_scope or found.start() > resource_start
        position = found.end()
    out.append(pattern[position:])
    return "".join(out)


def _nth(text: str, char: str, count: int) -> int:
    index = -1
    for _ in range(count):
        index = text.find(char, index + 1)
        if index < 0:
            return len(text)
    return index


GENERIC = Dialect("generic")


def cloudformation(app_logical_ids: tuple[str, ...] = ()) -> Dialect:
    """The CloudFormation dialect; names the template's Pinpoint app when it has one."""
    app = "${" + app_logical_ids[0] + "}" if app_logical_ids else None
    return Dialect(
        "cloudformation",
        partition="${AWS::Partition}",
        region="${AWS::Region}",
        account="${AWS::AccountId}",
        app=app,
    )


def terraform(app_name: str = "main") -> Dialect:
    """The Terraform dialect, building on the ``aws_pinpoint_app`` resource's ARN."""
    return Dialect(
        "terraform",
        partition="${data.aws_partition.current.partition}",
        region="${data.aws_region.current.name}",
        account="${data.aws_caller_identity.current.account_id}",
        app=f"${{aws_pinpoint_app.{app_name}.application_id}}",
        app_arn=f"${{aws_pinpoint_app.{app_name}.arn}}",
    )
