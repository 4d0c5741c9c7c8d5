"""Smoke test of the benchmark harness: the corpus generator and the pure helpers.

Nothing here times anything; performance is measured by ``benchmarks/run.py`` and
recorded in ``docs/benchmarks.md``, never asserted by a test.
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if (
    str(ROOT) not in sys.path
):  # benchmarks/ is a folder of the repository, not installed
    sys.path.insert(0, str(ROOT))

from benchmarks.corpus import INVALID_ACTION, KINDS, generate_corpus  # noqa: E402
from benchmarks.hostile import CASES, build_text  # noqa: E402
from benchmarks.render import write_corpus  # noqa: E402
from benchmarks.report import BEGIN, END, judge_targets, update_doc  # noqa: E402
from benchmarks.startup import parse_importtime  # noqa: E402
from benchmarks.stats import fit_exponent, median, ratio, spread  # noqa: E402
from benchmarks.verify import expected_from_manifest, reported_by_cfnlint  # noqa: E402
from checkov_pinpoint.extract.template_loader import parse_template  # noqa: E402


def test_corpus_of_ten_is_written_in_every_format(tmp_path: Path) -> None:
    corpus = write_corpus(10, tmp_path)

    assert len(corpus.cfn_files) == 1 and len(corpus.tf_dirs) == 1
    rows = json.loads(corpus.manifest.read_text(encoding="utf-8"))
    assert len(rows) == 10
    statements = [
        statement
        for path in corpus.json_files
        for statement in json.loads(path.read_text(encoding="utf-8"))["Statement"]
    ]
    assert len(statements) == 10
    template = parse_template(corpus.cfn_files[0].read_text(encoding="utf-8"))
    assert (
        template is not None
        and template["Resources"]["App"]["Type"] == "AWS::Pinpoint::App"
    )
    assert (corpus.tf_dirs[0] / "main.tf").read_text(encoding="utf-8").count("Sid") > 0


def test_corpus_is_the_same_for_the_same_seed(tmp_path: Path) -> None:
    first = write_corpus(10, tmp_path / "a", seed=7)
    second = write_corpus(10, tmp_path / "b", seed=7)

    for left, right in zip(
        first.cfn_files + first.json_files,
        second.cfn_files + second.json_files,
        strict=True,
    ):
        assert left.read_bytes() == right.read_bytes()
    assert generate_corpus(10, seed=7) != generate_corpus(10, seed=8)


@pytest.mark.parametrize("size", [1, 39, 40, 41, 1000], ids=lambda size: f"size-{size}")
def test_corpus_holds_exactly_the_requested_statements(size: int) -> None:
    stacks = generate_corpus(size)

    assert sum(stack.statement_count for stack in stacks) == size
    assert all(stack.statement_count <= 40 for stack in stacks)


def test_corpus_kinds_carry_defects() -> None:
    defects = {kind.name for kind in KINDS if kind.expected}

    assert defects == {"near_miss_action", "wrong_arn", "unscoped_wildcard"}
    assert next(kind for kind in KINDS if kind.name == "near_miss_action").expected == (
        INVALID_ACTION,
    )


def test_manifest_expectations_name_resources_per_framework(tmp_path: Path) -> None:
    corpus = write_corpus(100, tmp_path)

    cfn = expected_from_manifest(corpus.manifest, "cloudformation")
    tf = expected_from_manifest(corpus.manifest, "terraform")
    assert len(cfn) == len(tf) > 0
    assert all(name[0].isupper() for _, name, _ in cfn)
    assert all(name.startswith("p0") for _, name, _ in tf)


@pytest.mark.parametrize(
    ("samples", "expected"),
    [([3.0], 3.0), ([3.0, 1.0, 2.0], 2.0), ([4.0, 1.0, 3.0, 2.0], 2.5)],
    ids=["one", "odd", "even"],
)
def test_median(samples: list[float], expected: float) -> None:
    assert median(samples) == expected


def test_median_of_nothing_is_an_error() -> None:
    with pytest.raises(ValueError, match="at least one"):
        median([])


def test_spread_and_ratio() -> None:
    assert spread([1.0, 2.0, 3.0]) == 1.0
    assert spread([5.0]) == 0.0
    assert ratio(3.0, 2.0) == 1.5
    assert math.isnan(ratio(1.0, 0.0))


@pytest.mark.parametrize(
    ("sizes", "costs", "exponent"),
    [
        ([10, 100, 1000], [1.0, 10.0, 100.0], 1.0),
        ([10, 100, 1000], [1.0, 100.0, 10000.0], 2.0),
        ([10, 10000], [5.0, 5.0], 0.0),
    ],
    ids=["linear", "quadratic", "constant"],
)
def test_fit_exponent(sizes: list[int], costs: list[float], exponent: float) -> None:
    assert fit_exponent(sizes, costs) == pytest.approx(exponent)


@pytest.mark.parametrize(
    ("sizes", "costs"),
    [
        ([10], [1.0]),
        ([10, 100], [1.0]),
        ([10, 100], [0.0, 1.0]),
        ([10, 10], [1.0, 2.0]),
    ],
    ids=["one-point", "mismatched", "zero-cost", "same-size"],
)
def test_fit_exponent_refuses_bad_input(sizes: list[int], costs: list[float]) -> None:
    with pytest.raises(ValueError, match="fit_exponent"):
        fit_exponent(sizes, costs)


@pytest.mark.parametrize("case", sorted(set(CASES) - {"template_statements"}))
def test_hostile_texts_have_the_requested_length(case: str) -> None:
    length = CASES[case][1][-1]
    text = build_text(case, length)

    # An action's prefix comes on top of the pattern; a resource is the pattern.
    pattern = (
        text.partition(":")[2]
        if case.startswith(("action_", "engine_action"))
        else text
    )
    assert len(pattern) == length


def test_parse_importtime_sorts_by_own_time() -> None:
    text = (
        "import time: self [us] | cumulative | imported package\n"
        "import time:       120 |        120 |   json.decoder\n"
        "import time:      3000 |       3500 | checkov_pinpoint.model\n"
    )
    rows = parse_importtime(text)

    assert [row["module"] for row in rows] == ["checkov_pinpoint.model", "json.decoder"]
    assert rows[0]["self_ms"] == 3.0 and rows[0]["cumulative_ms"] == 3.5


def test_cfnlint_report_is_read_per_resource(tmp_path: Path) -> None:
    output = tmp_path / "out.json"
    match = {
        "Rule": {"Id": "E9501"},
        "Filename": "benchmarks/out/10/cloudformation/stack-0000.yaml",
        "Location": {"Path": ["Resources", "Role0", "Properties"]},
        "Message": "m",
    }
    unread = {**match, "Rule": {"Id": "W9500"}, "Message": "not evaluated"}
    output.write_text(json.dumps([match, unread]), encoding="utf-8")

    reported, not_evaluated = reported_by_cfnlint(
        output, {"E9501": INVALID_ACTION}, "W9500"
    )

    assert reported == {("stack-0000", "Role0", INVALID_ACTION)}
    assert not_evaluated == ["stack-0000 Role0: not evaluated"]


def test_targets_are_judged_and_unmeasured_ones_are_not_run() -> None:
    results = {
        "startup": {"cold_ms": 42.0},
        "engine": {"speedup": 3.0},
        "checkov": {"1000": {"ratios": {"ours/noop": {"cpu_s": 1.01}}}},
    }
    verdicts = {target["key"]: target["met"] for target in judge_targets(results)}

    assert verdicts["startup"] is True
    assert verdicts["engine_vs_parliament"] is False
    assert verdicts["checkov_floor"] is True
    assert verdicts["cfnlint"] is None


def test_update_doc_keeps_the_prose_around_the_block(tmp_path: Path) -> None:
    doc = tmp_path / "benchmarks.md"
    doc.write_text(
        f"# Title\n\nprose\n\n{BEGIN}\nold\n{END}\n\nmore prose\n", encoding="utf-8"
    )

    update_doc(doc, "new\n")

    assert (
        doc.read_text(encoding="utf-8")
        == f"# Title\n\nprose\n\n{BEGIN}\nnew\n{END}\n\nmore prose\n"
    )


def test_a_written_corpus_is_reused_while_its_stamp_matches(tmp_path: Path) -> None:
    first = write_corpus(10, tmp_path)
    marker = first.cfn_files[0].stat().st_mtime_ns

    again = write_corpus(10, tmp_path)

    assert again == first
    assert again.cfn_files[0].stat().st_mtime_ns == marker
