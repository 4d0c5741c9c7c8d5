"""Cross-checking the verdicts of the timed runs against the corpus manifest.

A benchmark that times wrong answers measures nothing, so the harness compares
what each host reported in its last timed run with what the generated statements
were built to draw. The comparison is per resource: a resource should fail a rule
exactly when one of its statements was generated to draw that rule's code.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = [
    "Verdicts",
    "compare",
    "expected_from_manifest",
    "reported_by_cfnlint",
    "reported_by_checkov",
]

#: (stack stem, resource name, engine code)
Key = tuple[str, str, str]


@dataclass
class Verdicts:
    """How one host's verdicts on a corpus compare with the manifest.

    Attributes:
        host: Which host and framework (``checkov terraform``).
        expected: Resource-level findings the corpus was built to draw.
        reported: Resource-level findings the host reported.
        not_evaluated: Resources the host marked as not evaluated.
    """

    host: str
    expected: set[Key]
    reported: set[Key]
    not_evaluated: list[str] = field(default_factory=list)

    @property
    def missing(self) -> list[Key]:
        """Expected but not reported."""
        return sorted(self.expected - self.reported)

    @property
    def unexpected(self) -> list[Key]:
        """Reported but not expected."""
        return sorted(self.reported - self.expected)

    def summary(self) -> dict[str, Any]:
        """A JSON-ready summary with at most five examples of each mismatch."""
        return {
            "host": self.host,
            "expected": len(self.expected),
            "reported": len(self.reported),
            "missing": len(self.missing),
            "unexpected": len(self.unexpected),
            "not_evaluated": len(self.not_evaluated),
            "examples_missing": [list(key) for key in self.missing[:5]],
            "examples_unexpected": [list(key) for key in self.unexpected[:5]],
            "examples_not_evaluated": self.not_evaluated[:5],
        }


def expected_from_manifest(manifest: Path, framework: str) -> set[Key]:
    """The (stack, resource, code) triples the corpus should draw in a framework."""
    rows = json.loads(manifest.read_text(encoding="utf-8"))
    column = "cfn_resource" if framework == "cloudformation" else "tf_address"
    return {
        (row["stack"], str(row[column]).rpartition(".")[2], code)
        for row in rows
        for code in row["expected"]
    }


def _stack_of(path: str) -> str:
    parts = Path(path).parts
    return next(
        (part.removesuffix(".yaml") for part in parts if part.startswith("stack-")), ""
    )


def reported_by_checkov(
    output: Path, codes_by_id: Mapping[str, str]
) -> dict[str, tuple[set[Key], list[str]]]:
    """Per framework: the failed (stack, resource, code) triples and skipped resources."""
    data = json.loads(output.read_text(encoding="utf-8"))
    reports = data if isinstance(data, list) else [data]
    found: dict[str, tuple[set[Key], list[str]]] = {}
    for report in reports:
        results = report.get("results", {})
        failed: set[Key] = set()
        for item in results.get("failed_checks", []):
            code = codes_by_id.get(item["check_id"])
            if code:
                name = item["resource"].rpartition(".")[2]
                failed.add((_stack_of(item["file_path"]), name, code))
        skipped = [
            f"{item['file_path']} {item['resource']}: {item.get('suppress_comment', '')}"
            for item in results.get("skipped_checks", [])
            if item["check_id"] in codes_by_id
        ]
        found[report.get("check_type", "?")] = (failed, skipped)
    return found


def reported_by_cfnlint(
    output: Path, codes_by_id: Mapping[str, str], not_evaluated_id: str
) -> tuple[set[Key], list[str]]:
    """The (stack, resource, code) triples cfn-lint reported, and W9500 messages."""
    text = output.read_text(encoding="utf-8").strip()
    matches = json.loads(text) if text else []
    reported: set[Key] = set()
    unread: list[str] = []
    for match in matches:
        rule = match["Rule"]["Id"]
        path = match["Location"]["Path"] or []
        name = str(path[1]) if len(path) > 1 and path[0] == "Resources" else ""
        stack = _stack_of(match["Filename"])
        if rule in codes_by_id:
            reported.add((stack, name, codes_by_id[rule]))
        elif rule == not_evaluated_id:
            unread.append(f"{stack} {name}: {match['Message']}")
    return reported, unread


def compare(
    host: str, expected: set[Key], reported: set[Key], unread: Iterable[str] = ()
) -> Verdicts:
    """Bundle one host's verdicts with the expected ones."""
    return Verdicts(host, expected, reported, list(unread))
