"""The ``checkov-pinpoint`` command.

Subcommands:

- ``checks-dir``: print the directory to pass to ``checkov --external-checks-dir``.
- ``catalog``: list the bundled catalog as a table (``--json`` for the JSON list),
  filtered by family, prefix or access level.
- ``explain ACTION_OR_PATTERN``: what an action needs, with scoped examples.
"""

from __future__ import annotations

import argparse
import importlib.resources
import json
import logging
import os
import sys
from collections.abc import Sequence

from checkov_pinpoint.catalog import IamAction, load_catalog
from checkov_pinpoint.catalog.model import FAMILIES, PREFIXES
from checkov_pinpoint.engine import wildcard
from checkov_pinpoint.engine.rules import needed_shapes
from checkov_pinpoint.engine.suggest import cloudformation, terraform

__all__ = ["main"]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    parser = _parser()
    options = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if options.debug else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    if options.command is None:
        parser.print_help()
        return 2
    handler = {"checks-dir": _checks_dir, "catalog": _catalog, "explain": _explain}
    try:
        return handler[options.command](options)
    except BrokenPipeError:
        # The reader went away (``checkov-pinpoint catalog --json | head``): not an
        # error of ours. Point stdout at nothing so the exit flush is quiet too.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="checkov-pinpoint",
        description="IAM linting for Amazon Pinpoint: checkov checks and cfn-lint rules.",
    )
    parser.add_argument("--debug", action="store_true", help="log at DEBUG level")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.add_parser(
        "checks-dir", help="print the directory for checkov --external-checks-dir"
    )

    catalog = commands.add_parser("catalog", help="list the bundled action catalog")
    catalog.add_argument("--json", action="store_true", help="print the JSON list")
    catalog.add_argument("--family", choices=FAMILIES)
    catalog.add_argument("--prefix", choices=PREFIXES, type=str.lower)
    catalog.add_argument(
        "--access-level",
        choices=ACCESS_LEVELS,
        type=_access_level,
        help="one of %(choices)s (any case)",
    )

    explain = commands.add_parser("explain", help="explain an action or a pattern")
    explain.add_argument(
        "action", help="e.g. mobiletargeting:GetSegments or sms-voice:Send*"
    )
    return parser


#: IAM's access levels, as the catalog spells them.
ACCESS_LEVELS = ("List", "Read", "Write", "Permissions management", "Tagging")


def _access_level(text: str) -> str:
    """``text`` spelt as the catalog spells the access level, whatever its case."""
    known = {level.lower(): level for level in ACCESS_LEVELS}
    return known.get(text.lower(), text)


def _checks_dir(options: argparse.Namespace) -> int:
    directory = importlib.resources.files("checkov_pinpoint.checkov_checks")
    print(str(directory))
    return 0


def _catalog(options: argparse.Namespace) -> int:
    rows = [
        row
        for row in load_catalog().to_json()
        if _keep(row, options.family, options.prefix, options.access_level)
    ]
    if options.json:
        json.dump(rows, sys.stdout, indent=2, sort_keys=True)
        sys.stdout.write("\n")
        return 0

    print(f"{'ACTION':<55} {'FAMILY':<13} {'ACCESS':<22} RESOURCES")
    for row in rows:
        listed = row.get("resources")
        resources = (
            [str(r) for r in listed]
            if isinstance(listed, list) and listed
            else ["(not applicable)"]
        )
        print(
            f"{row['action']!s:<55} {row['family']!s:<13} "
            f"{row.get('access_level') or '-'!s:<22} {resources[0]}"
        )
        for extra in resources[1:]:
            print(f"{'':<92} {extra}")
    print(f"{len(rows)} entries")
    return 0


def _keep(
    row: dict[str, object], family: str | None, prefix: str | None, level: str | None
) -> bool:
    action = str(row["action"])
    if family and row["family"] != family:
        return False
    if prefix and action.partition(":")[0] != prefix.lower():
        return False
    return not level or row.get("access_level") == level


def _explain(options: argparse.Namespace) -> int:
    if not options.action or not options.action.isascii():
        # IAM action names are ASCII; lower-casing would map a lookalike such as
        # the Kelvin sign onto a real letter and explain an action IAM refuses.
        print(
            f"{ascii(options.action)} is not an IAM action name or pattern "
            "(expected ASCII, like mobiletargeting:GetSegments or sms-voice:Send*)."
        )
        return 1
    prefix, _, name = options.action.partition(":")
    catalog = load_catalog()
    matched = [
        action
        for action in catalog.actions()
        if wildcard.match(prefix or "*", action.prefix)
        and wildcard.match(name or "*", action.name)
    ]
    if not matched:
        print(f"{options.action!r} matches no Pinpoint action in the catalog.")
        return 1
    if len(matched) > 1:
        print(f"{options.action!r} matches {len(matched)} actions:")
        for action in matched:
            print(f"  {action.action}")
        return 0
    _print_action(matched[0])
    return 0


def _print_action(action: IamAction) -> None:
    print(action.action)
    print(f"  families:      {', '.join(action.families)}")
    print(f"  access level:  {action.access_level or 'unknown'}")
    print(f"  needs '*':     {'yes' if action.accepts_star else 'no'}")
    for pattern in action.resources:
        print(f"  resource:      {pattern}")
    if action.resources:
        shape = needed_shapes(action)[0]
        print(f"  CloudFormation example: {cloudformation().resource(shape)}")
        print(f"  Terraform example:      {terraform('APP').resource(shape)}")
    retired = action.retired
    if retired:
        print(
            f"  end of support: {retired.get('date')} ({retired.get('feature')}); "
            f"{retired.get('continues_in')}"
        )
    else:
        print("  end of support: none announced")


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
