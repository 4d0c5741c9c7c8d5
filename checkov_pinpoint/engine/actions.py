"""Reading a statement's action elements against the catalog.

Each action element is classified once: which Pinpoint actions it reaches, whether
it is a Pinpoint name that matches nothing, whether its service prefix looks like a
slip for a Pinpoint prefix, or whether it belongs to another service.
"""

from __future__ import annotations

import difflib
import enum
import functools
import logging
import unicodedata
from dataclasses import dataclass

from checkov_pinpoint.catalog import Catalog, IamAction, vouch_from_cfn_lint
from checkov_pinpoint.engine import wildcard
from checkov_pinpoint.model import Value

__all__ = ["ActionKind", "ActionReading", "PINPOINT_PREFIXES", "read_action"]

logger = logging.getLogger(__name__)

#: The IAM service prefixes of Amazon Pinpoint and its SMS and voice APIs.
PINPOINT_PREFIXES = ("mobiletargeting", "sms-voice")

# Real IAM prefixes that resemble Pinpoint's; a statement naming them is about
# another service and is never reported. (Server Migration Service is "sms".)
_REAL_LOOKALIKES = frozenset(
    {"sms", "sns", "ses", "mobileanalytics", "end-user-messaging", "social-messaging"}
)


class ActionKind(enum.Enum):
    """What an action element turned out to be."""

    PINPOINT = "pinpoint"  # reaches at least one catalog action
    INVALID = "invalid"  # a Pinpoint prefix, but no catalog action matches
    WRONG_PREFIX = "wrong-prefix"  # a prefix evidently meant for Pinpoint
    OTHER = "other"  # another service, or a pattern reaching no Pinpoint action
    UNKNOWN = "unknown"  # not known until deploy time
    PARTIAL = "partial"  # a Pinpoint prefix, but a name only known at deploy time


@dataclass(frozen=True)
class ActionReading:
    """The verdict on one action element.

    Attributes:
        kind: The classification.
        reached: Catalog actions the element matches (for ``PINPOINT``; also the
            Pinpoint actions a broad pattern such as ``*`` reaches).
        is_pattern: True when the element uses ``*`` or ``?``.
        also_other: True when the element can also match other services
            (``*``, ``*:Get*``).
        suggestions: Closest valid action names, for ``INVALID``/``WRONG_PREFIX``.
    """

    kind: ActionKind
    reached: tuple[IamAction, ...] = ()
    is_pattern: bool = False
    also_other: bool = False
    suggestions: tuple[str, ...] = ()


def read_action(value: Value, catalog: Catalog) -> ActionReading:
    """Classify one action element of a statement."""
    text = value.literal_text()
    if text is not None:
        return _read_literal_action(text, catalog)
    head = value.parts[0] if value.parts else None
    if isinstance(head, str) and ":" in head:
        if head.partition(":")[0].lower() in PINPOINT_PREFIXES:
            return ActionReading(ActionKind.PARTIAL)
    return ActionReading(ActionKind.UNKNOWN)


@functools.lru_cache(maxsize=8192)
def _read_literal_action(text: str, catalog: Catalog) -> ActionReading:
    prefix, sep, name = text.partition(":")
    if not sep:
        if text == "*":
            return ActionReading(
                ActionKind.OTHER, catalog.actions(), is_pattern=True, also_other=True
            )
        return _read_colonless(text, catalog)

    lowered = prefix.lower()
    if wildcard.has_wildcard(prefix):
        return _read_prefix_pattern(prefix, name, catalog)
    if lowered in PINPOINT_PREFIXES:
        return _read_pinpoint_name(lowered, name, catalog)
    if _looks_like_pinpoint(lowered):
        return ActionReading(
            ActionKind.WRONG_PREFIX, suggestions=_closest_anywhere(name, catalog)
        )
    return ActionReading(ActionKind.OTHER)


def _read_colonless(text: str, catalog: Catalog) -> ActionReading:
    """An element with no ASCII colon: no IAM action, unless it is ``*``.

    IAM refuses the policy, so a Pinpoint action written this way is reported:
    one with a lookalike colon (``mobiletargeting\uff1aGetApp``, whose
    compatibility form has an ASCII one) or none at all
    (``mobiletargetingGetApp``). Anything else is left to its own service.
    """
    prefix, sep, name = unicodedata.normalize("NFKC", text).partition(":")
    if sep and prefix.lower() in PINPOINT_PREFIXES:
        return _invalid(prefix.lower(), name, catalog)
    lowered = text.lower()
    for service in PINPOINT_PREFIXES:
        if lowered.startswith(service) and len(text) > len(service):
            return _invalid(service, text[len(service) :], catalog)
    return ActionReading(ActionKind.OTHER)


def _invalid(prefix: str, name: str, catalog: Catalog) -> ActionReading:
    """A Pinpoint name or pattern that reaches no action, with the closest real ones.

    The suggestions are looked for with the wildcards and any non-ASCII
    character left out.
    """
    ascii_name = name.encode("ascii", "ignore").decode()
    return ActionReading(
        ActionKind.INVALID,
        is_pattern=wildcard.has_wildcard(name),
        suggestions=_closest(
            prefix, ascii_name.replace("*", "").replace("?", ""), catalog
        ),
    )


def _read_prefix_pattern(prefix: str, name: str, catalog: Catalog) -> ActionReading:
    reached = tuple(
        action
        for service in PINPOINT_PREFIXES
        if wildcard.match(prefix, service)
        for action in catalog.actions_for_prefix(service)
        if wildcard.match(name, action.name)
    )
    return ActionReading(ActionKind.OTHER, reached, is_pattern=True, also_other=True)


def _read_pinpoint_name(prefix: str, name: str, catalog: Catalog) -> ActionReading:
    if not name.isascii():
        # Lower-casing maps some non-ASCII letters onto ASCII ones (the Kelvin
        # sign onto "k"); IAM compares names as given, so such a name is no action.
        return _invalid(prefix, name, catalog)
    if wildcard.has_wildcard(name):
        reached = tuple(
            action
            for action in catalog.actions_for_prefix(prefix)
            if wildcard.match(name, action.name)
        )
        if reached:
            return ActionReading(ActionKind.PINPOINT, reached, is_pattern=True)
        return _invalid(prefix, name, catalog)

    found = catalog.lookup(prefix, name)
    if found is not None:
        return ActionReading(ActionKind.PINPOINT, (found,))
    source = vouch_from_cfn_lint(prefix, name)
    if source is not None:
        logger.debug(
            "%s:%s is not in the bundled catalog; %s knows it", prefix, name, source
        )
        return ActionReading(ActionKind.OTHER)
    return ActionReading(
        ActionKind.INVALID, suggestions=_closest(prefix, name, catalog)
    )


def _looks_like_pinpoint(prefix: str) -> bool:
    """Return True for prefixes that are evidently slips for a Pinpoint prefix."""
    if prefix in _REAL_LOOKALIKES:
        return False
    squashed = "".join(char for char in prefix if char.isalnum())
    if "pinpoint" in squashed or squashed in (
        "mobiletargeting",
        "smsvoice",
        "smsvoicev2",
    ):
        return True
    return any(
        difflib.SequenceMatcher(None, prefix, real).ratio() >= 0.8
        for real in PINPOINT_PREFIXES
    )


def _closest(prefix: str, name: str, catalog: Catalog) -> tuple[str, ...]:
    """The closest real names: the best match, and any nearly as close."""
    names = {
        action.name.lower(): action.action
        for action in catalog.actions_for_prefix(prefix)
    }
    picks = difflib.get_close_matches(name.lower(), list(names), n=3, cutoff=0.6)
    if not picks:
        return ()
    scores = [
        difflib.SequenceMatcher(None, name.lower(), pick).ratio() for pick in picks
    ]
    return tuple(
        names[pick]
        for pick, score in zip(picks, scores, strict=True)
        if score >= scores[0] - 0.05
    )


def _closest_anywhere(name: str, catalog: Catalog) -> tuple[str, ...]:
    exact = [
        action.action
        for prefix in PINPOINT_PREFIXES
        if (action := catalog.lookup(prefix, name)) is not None
    ]
    if exact:
        return tuple(exact)
    return tuple(
        suggestion
        for prefix in PINPOINT_PREFIXES
        for suggestion in _closest(prefix, name, catalog)
    )[:3]
