"""Drift guard: every action and ARN shape of the seed document is in the catalog.

The seed document is read here with a few regular expressions of this module's own,
not with the generator, so a bug in the generator's reader cannot hide itself. ARNs
are compared by shape: every ``${...}`` placeholder counts the same, so the seed's
``apps/projectId`` matches the catalog's ``apps/${AppId}``.
"""

from __future__ import annotations

import copy
import hashlib
import json
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "test_fixtures" / "catalog" / "pinpoint-iam-actions.md"
CATALOG = ROOT / "rules" / "catalog.json"

# Path words of seed ARNs that stand for a value. Two are slips of the page
# (projectid, isoCountyCode) that the generator documents and corrects; as
# placeholders they have the same shape either way.
VARIABLE_WORDS = frozenset(
    """
    attribute-type campaignId configurationSetName endpointId isoCountryCode
    isoCountyCode jobId journey-activity-id journeyId kpi-name optOutListName
    phoneNumberId poolId projectId projectid recommenderId segmentId senderId
    template-name userId
    """.split()
)

SECTION = re.compile(r"^## (.*)$")
ACTION = re.compile(r"^(\*\*|)`((?:mobiletargeting|sms-voice):\w+)`\1\s*$")
RESOURCE = re.compile(r"^\+ Resource ARN – (.*?)\s*$")
ARN = re.compile(r"^`(arn:aws:[^`]+)`$")
PLACEHOLDER = re.compile(r"\$\{[^}]*\}")


@dataclass(frozen=True)
class SeedAction:
    """One action as the seed documents it, ARNs reduced to shapes."""

    action: str
    family: str
    shapes: frozenset[str]
    star: bool
    not_applicable: bool


def seed_shape(arn: str) -> str:
    """Shape of a seed ARN: its partition, region, account and variables as ``${}``."""
    _, _, service, _, _, resource = arn.split(":", 5)
    path = "/".join(
        "${}" if word in VARIABLE_WORDS else word for word in resource.split("/")
    )
    return f"arn:${{}}:{service}:${{}}:${{}}:{path}"


def read_seed(text: str) -> list[SeedAction]:
    """Read every action of the seed page with its family and resources."""
    rows: list[dict[str, object]] = []
    family = ""
    for line in text.splitlines():
        if section := SECTION.match(line):
            title = section[1]
            family = (
                "sms-voice-v1"
                if "version 1" in title
                else "sms-voice-v2"
                if "version 2" in title
                else "pinpoint"
            )
        elif action := ACTION.match(line):
            rows.append({"action": action[2], "family": family, "values": []})
        elif (resource := RESOURCE.match(line)) and rows:
            values = rows[-1]["values"]
            assert isinstance(values, list)
            values.append(resource[1])
    return [_seed_action(row) for row in rows]


def _seed_action(row: dict[str, object]) -> SeedAction:
    values = row["values"]
    assert isinstance(values, list) and values, f"{row['action']} has no Resource ARN"
    arns = [ARN.match(value) for value in values]
    return SeedAction(
        action=str(row["action"]),
        family=str(row["family"]),
        shapes=frozenset(seed_shape(arn[1]) for arn in arns if arn),
        star=any(value.startswith("Not available") for value in values),
        not_applicable=any(value == "Not applicable" for value in values),
    )


def find_drift(seed: list[SeedAction], catalog: dict[str, object]) -> list[str]:
    """Return what the catalog lost of the seed: actions, ARN shapes, ``*``."""
    entries = catalog["entries"]
    assert isinstance(entries, list)
    rows = {(str(e["action"]).lower(), str(e["family"])): e for e in entries}

    lost: list[str] = []
    for action in seed:
        where = f"{action.action} ({action.family})"
        entry = rows.get((action.action.lower(), action.family))
        if entry is None:
            lost.append(f"{where}: missing from the catalog")
            continue
        resources = entry["resources"]
        shapes = {PLACEHOLDER.sub("${}", resource) for resource in resources}
        for shape in sorted(action.shapes - shapes):
            lost.append(f"{where}: ARN shape {shape} missing")
        if action.star and "*" not in resources:
            lost.append(f"{where}: '*' missing")
        if action.not_applicable and resources and "*" not in resources:
            lost.append(f"{where}: 'not applicable' (so '*') missing")
    return lost


@pytest.fixture(scope="module")
def seed() -> list[SeedAction]:
    return read_seed(SEED.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def catalog() -> dict[str, object]:
    data: dict[str, object] = json.loads(CATALOG.read_bytes())
    return data


def test_seed_is_the_document_the_catalog_was_generated_from(
    catalog: dict[str, object],
) -> None:
    provenance = catalog["provenance"]
    assert isinstance(provenance, dict)
    (record,) = [item for item in provenance["inputs"] if item["kind"] == "seed"]

    assert record["sha256"] == hashlib.sha256(SEED.read_bytes()).hexdigest()


def test_seed_lists_162_names_in_165_rows(seed: list[SeedAction]) -> None:
    assert Counter(action.family for action in seed) == {
        "pinpoint": 115,
        "sms-voice-v1": 7,
        "sms-voice-v2": 43,
    }
    assert len({action.action.lower() for action in seed}) == 162
    assert sum(len(action.shapes) for action in seed) == 174
    assert sum(action.star for action in seed) == 14
    assert [a.action for a in seed if a.not_applicable] == [
        "mobiletargeting:ListTemplateVersions",
        "mobiletargeting:UpdateTemplateActiveVersion",
    ]


def test_catalog_keeps_every_seed_action_and_arn_shape(
    seed: list[SeedAction], catalog: dict[str, object]
) -> None:
    assert find_drift(seed, catalog) == []


def _entries(data: dict[str, object]) -> list[dict[str, object]]:
    entries = data["entries"]
    assert isinstance(entries, list)
    return entries


def _remove_entry(action: str, family: str) -> Callable[[dict[str, object]], None]:
    def mutate(data: dict[str, object]) -> None:
        data["entries"] = [
            e for e in _entries(data) if (e["action"], e["family"]) != (action, family)
        ]

    return mutate


def _remove_resource(
    action: str, family: str, resource: str
) -> Callable[[dict[str, object]], None]:
    def mutate(data: dict[str, object]) -> None:
        for entry in _entries(data):
            if (entry["action"], entry["family"]) == (action, family):
                resources = entry["resources"]
                assert isinstance(resources, list) and resource in resources
                resources.remove(resource)

    return mutate


SV = "arn:${Partition}:sms-voice:${Region}:${Account}:"
MT = "arn:${Partition}:mobiletargeting:${Region}:${Account}:"

LOSSES = [
    (
        "action",
        _remove_entry("mobiletargeting:GetSegments", "pinpoint"),
        ["mobiletargeting:GetSegments (pinpoint): missing from the catalog"],
    ),
    (
        "one-family-of-two",
        _remove_entry("sms-voice:SendVoiceMessage", "sms-voice-v1"),
        ["sms-voice:SendVoiceMessage (sms-voice-v1): missing from the catalog"],
    ),
    (
        "seed-only-shape",
        _remove_resource(
            "sms-voice:DeleteDefaultSenderId",
            "sms-voice-v2",
            SV + "sender-id/configuration-set/${ConfigurationSetName}",
        ),
        [
            "sms-voice:DeleteDefaultSenderId (sms-voice-v2): ARN shape "
            "arn:${}:sms-voice:${}:${}:sender-id/configuration-set/${} missing"
        ],
    ),
    (
        "slip-shape",
        _remove_resource(
            "mobiletargeting:GetVoiceChannel",
            "pinpoint",
            MT + "apps/${ProjectId}/channels/voice",
        ),
        [
            "mobiletargeting:GetVoiceChannel (pinpoint): ARN shape "
            "arn:${}:mobiletargeting:${}:${}:apps/${}/channels/voice missing"
        ],
    ),
    (
        "shared-shape",
        _remove_resource(
            "mobiletargeting:GetSegments", "pinpoint", MT + "apps/${AppId}"
        ),
        [
            "mobiletargeting:GetSegments (pinpoint): ARN shape "
            "arn:${}:mobiletargeting:${}:${}:apps/${} missing"
        ],
    ),
    (
        "star",
        _remove_resource("sms-voice:SendVoiceMessage", "sms-voice-v1", "*"),
        ["sms-voice:SendVoiceMessage (sms-voice-v1): '*' missing"],
    ),
    (
        "not-applicable",
        _remove_resource("mobiletargeting:ListTemplateVersions", "pinpoint", "*"),
        [
            "mobiletargeting:ListTemplateVersions (pinpoint): 'not applicable' "
            "(so '*') missing"
        ],
    ),
]


@pytest.mark.parametrize(
    ("mutate", "lost"),
    [(mutate, lost) for _, mutate, lost in LOSSES],
    ids=[case for case, _, _ in LOSSES],
)
def test_drift_guard_reports_a_loss(
    seed: list[SeedAction],
    catalog: dict[str, object],
    mutate: Callable[[dict[str, object]], None],
    lost: list[str],
) -> None:
    mutated = copy.deepcopy(catalog)
    mutate(mutated)

    assert find_drift(seed, mutated) == lost
