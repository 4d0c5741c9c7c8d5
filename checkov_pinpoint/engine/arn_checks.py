"""What is wrong with an ARN on its own, before any action is considered.

These are the checks IAM Access Analyzer makes on a resource's fixed fields:
the ``arn`` prefix, a known partition, the service and its case, a region, a
12-digit account, enough fields, and a resource part that names one of the
service's resource types at all. Each has its own message.
"""

from __future__ import annotations

import difflib
import functools
import re

from checkov_pinpoint.catalog import Catalog
from checkov_pinpoint.engine import arn
from checkov_pinpoint.engine.actions import PINPOINT_PREFIXES
from checkov_pinpoint.engine.matching import can_name_any
from checkov_pinpoint.model import Value

__all__ = ["PARTITIONS", "field_problem", "looks_pinpointish", "resource_type_problem"]

#: Partitions IAM accepts in an ARN.
PARTITIONS = (
    "aws",
    "aws-cn",
    "aws-us-gov",
    "aws-iso",
    "aws-iso-b",
    "aws-iso-e",
    "aws-iso-f",
    "aws-eusc",
)
_REGION = re.compile(r"[a-z]{2,4}(-[a-z]+)+-\d{1,2}")
_ACCOUNT = re.compile(r"\d{12}")


def field_problem(value: Value, fields: arn.Fields) -> str | None:
    """Return what is wrong with the ARN's fixed fields, or None."""
    parts = fields.fields
    head = parts[0]
    text = value.text
    if head is not None and head != "arn":
        if len(parts) == 1 and fields.complete:
            return f"{text!r} is not an ARN: it lacks the 'arn:' prefix (or use '*')"
        return f"{text!r} must start with 'arn:', not {head + ':'!r}"
    if fields.complete and len(parts) < 6:
        return f"{text!r} has {len(parts)} of the 6 colon-separated fields an ARN needs"

    service = parts[2] if len(parts) > 2 else None
    if service is None:
        return None
    if service.lower() in PINPOINT_PREFIXES and service not in PINPOINT_PREFIXES:
        return f"{text!r}: the service {service!r} must be lower case ({service.lower()!r})"
    if service not in PINPOINT_PREFIXES:
        if looks_pinpointish(service):
            return (
                f"{text!r} names the service {service!r}; Pinpoint ARNs use "
                "'mobiletargeting' or 'sms-voice'"
            )
        return None
    return _location_problem(text, parts)


def _location_problem(text: str, parts: tuple[str | None, ...]) -> str | None:
    partition = parts[1] if len(parts) > 1 else None
    if partition is not None and partition not in PARTITIONS:
        close = difflib.get_close_matches(partition, PARTITIONS, n=1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        return f"{text!r} has the unknown partition {partition!r}{hint}"
    region = parts[3] if len(parts) > 3 else None
    if region == "":
        return f"{text!r} has no region; Pinpoint resources are regional"
    if region is not None and not _REGION.fullmatch(region):
        return f"{text!r} has the malformed region {region!r}"
    account = parts[4] if len(parts) > 4 else None
    if account == "":
        return f"{text!r} has no account; Pinpoint ARNs carry a 12-digit account ID"
    if account is not None and not _ACCOUNT.fullmatch(account):
        return f"{text!r} has the account {account!r}, not a 12-digit account ID"
    return None


def looks_pinpointish(service: str) -> bool:
    """True for a service name that is evidently a slip for a Pinpoint service."""
    squashed = "".join(char for char in service.lower() if char.isalnum())
    return "pinpoint" in squashed or squashed in (
        "mobiletargeting",
        "smsvoice",
        "smsvoicev2",
    )


def resource_type_problem(value: Value, service: str, catalog: Catalog) -> str | None:
    """Say so when the resource part names none of the service's resource types."""
    shapes = _service_shapes(catalog, service)
    if not shapes or can_name_any(value, _service_patterns(catalog, service)):
        return None

    resource = arn.resource_part(value)
    if resource is None:
        return None
    segment = resource.split("/", 1)[0]
    known = sorted({_first_segment(shape.pattern) for shape in shapes} - {""})
    close = difflib.get_close_matches(segment, known, n=1, cutoff=0.6)
    hint = f"; did you mean {close[0] + '/'!r}?" if close and "/" in resource else ""
    if close and "/" not in resource and close[0] != segment:
        hint = f"; did you mean {close[0]!r}?"
    return (
        f"{value.text!r} names no {service} resource type: {segment!r} is not one of "
        f"{', '.join(known)}{hint}"
    )


@functools.lru_cache(maxsize=8)
def _service_shapes(catalog: Catalog, service: str) -> tuple[arn.Shape, ...]:
    patterns = {
        pattern
        for action in catalog.actions_for_prefix(service)
        for pattern in action.resources
        if not pattern.endswith(":*")
    }
    return tuple(arn.compile_shape(pattern) for pattern in sorted(patterns))


@functools.lru_cache(maxsize=8)
def _service_patterns(catalog: Catalog, service: str) -> tuple[str, ...]:
    return tuple(shape.pattern for shape in _service_shapes(catalog, service))


def _first_segment(pattern: str) -> str:
    resource = pattern.split(":", 5)[-1]
    segment = resource.split("/", 1)[0]
    return "" if "$" in segment or "*" in segment else segment
