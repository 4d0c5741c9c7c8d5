"""Writing a generated corpus as CloudFormation, Terraform and raw JSON files.

Each stack of :mod:`benchmarks.corpus` becomes one CloudFormation template
(``cloudformation/stack-NNNN.yaml``), one Terraform module
(``terraform/stack-NNNN/main.tf``) and one JSON policy document per policy
(``json/stack-NNNN-<policy>.json``). The three hold the same statements; where a
template uses an intrinsic or an interpolation, the JSON document holds a concrete
ARN of the same shape (both branches of an ``!If``). A ``manifest.json`` records
every statement with its kind, expected codes and location in each format.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from dataclasses import dataclass
from pathlib import Path

from benchmarks.corpus import (
    REGION,
    Arn,
    PolicySpec,
    StackSpec,
    StatementSpec,
    arn_text,
    generate_corpus,
)

__all__ = ["CorpusFiles", "cfn_logical_id", "tf_address", "write_corpus"]

_CFN_SHORT = {
    "AWS::IAM::Role": "Role",
    "AWS::IAM::ManagedPolicy": "Managed",
    "AWS::IAM::Policy": "Policy",
    "AWS::IAM::RolePolicy": "RolePolicy",
}
_TF_TYPE = {
    "AWS::IAM::Role": "aws_iam_role",
    "AWS::IAM::ManagedPolicy": "aws_iam_policy",
    "AWS::IAM::Policy": "aws_iam_role_policy",
    "AWS::IAM::RolePolicy": "aws_iam_policy_document",
}
_VERSION = '"2012-10-17"'
_STAMP = ".stamp"


@dataclass(frozen=True)
class CorpusFiles:
    """Where a written corpus lives.

    Attributes:
        root: The size's folder (``benchmarks/out/1000``).
        size: The number of statements in each format.
        cfn_files: The CloudFormation templates.
        tf_dirs: The Terraform module folders.
        json_files: The raw JSON policy documents.
    """

    root: Path
    size: int
    cfn_files: tuple[Path, ...]
    tf_dirs: tuple[Path, ...]
    json_files: tuple[Path, ...]

    @property
    def cfn_dir(self) -> Path:
        """The folder holding the CloudFormation templates."""
        return self.root / "cloudformation"

    @property
    def manifest(self) -> Path:
        """The statement manifest written next to the files."""
        return self.root / "manifest.json"


def cfn_logical_id(position: int, policy: PolicySpec) -> str:
    """The CloudFormation logical id of a stack's ``position``-th policy."""
    return f"{_CFN_SHORT[policy.cfn_type]}{position}"


def tf_address(policy: PolicySpec) -> str:
    """The Terraform address of the block holding a policy's statements."""
    return f"{_TF_TYPE[policy.cfn_type]}.{policy.name}"


def write_corpus(size: int, out: Path, seed: int = 20240501) -> CorpusFiles:
    """Generate the ``size``-statement corpus and write it under ``out/<size>``.

    The folder is emptied first, so it holds exactly this corpus. When it already
    holds the corpus of this size, seed and generator source (its stamp file
    says so), it is reused as it is.
    """
    root = out / str(size)
    stamp = _stamp(size, seed)
    if (root / _STAMP).is_file() and (root / _STAMP).read_text(
        encoding="utf-8"
    ) == stamp:
        return _existing(root, size)
    if root.exists():
        shutil.rmtree(root)
    stacks = generate_corpus(size, seed)
    for stack in stacks:
        _write(root / "cloudformation" / f"{stack.stem}.yaml", render_cfn(stack))
        _write(root / "terraform" / stack.stem / "main.tf", render_tf(stack))
        for policy in stack.policies:
            name = f"{stack.stem}-{policy.name}.json"
            _write(root / "json" / name, render_json(stack, policy))
    manifest = json.dumps(_manifest(stacks), indent=1, sort_keys=True)
    _write(root / "manifest.json", manifest)
    _write(root / _STAMP, stamp)
    return _existing(root, size)


def _stamp(size: int, seed: int) -> str:
    """What a written corpus depends on: size, seed and the generator's source."""
    digest = hashlib.sha256(f"{size}:{seed}".encode())
    for module in ("corpus.py", "render.py"):
        digest.update((Path(__file__).parent / module).read_bytes())
    return digest.hexdigest() + "\n"


def _existing(root: Path, size: int) -> CorpusFiles:
    """The files of a corpus written earlier, in a stable order."""
    return CorpusFiles(
        root,
        size,
        tuple(sorted((root / "cloudformation").glob("*.yaml"))),
        tuple(sorted(path.parent for path in (root / "terraform").glob("*/main.tf"))),
        tuple(sorted((root / "json").glob("*.json"))),
    )


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")
    return path


def _manifest(stacks: list[StackSpec]) -> list[dict[str, object]]:
    """One row per statement: where it is in each format and what it should draw."""
    rows: list[dict[str, object]] = []
    for stack in stacks:
        for position, policy in enumerate(stack.policies):
            for statement in policy.statements:
                rows.append(
                    {
                        "stack": stack.stem,
                        "cfn_resource": cfn_logical_id(position, policy),
                        "cfn_type": policy.cfn_type,
                        "tf_address": tf_address(policy),
                        "json_file": f"{stack.stem}-{policy.name}.json",
                        "sid": statement.sid,
                        "kind": statement.kind,
                        "expected": list(statement.expected),
                    }
                )
    return rows


# --- raw JSON ----------------------------------------------------------------


def render_json(stack: StackSpec, policy: PolicySpec) -> str:
    """One policy as a raw JSON document, every ARN concrete."""
    statements = [
        {
            "Sid": statement.sid,
            "Effect": statement.effect,
            "Action": list(statement.actions),
            "Resource": [
                text for arn in statement.resources for text in _json_arns(arn, stack)
            ],
        }
        for statement in policy.statements
    ]
    return json.dumps({"Version": "2012-10-17", "Statement": statements}, indent=2)


def _json_arns(arn: Arn, stack: StackSpec) -> list[str]:
    if arn.form == "if":
        return [arn_text(arn, stack.app_id), arn_text(arn, stack.app_id, arn.alt)]
    return [arn_text(arn, stack.app_id)]


# --- CloudFormation ----------------------------------------------------------


def render_cfn(stack: StackSpec) -> str:
    """One stack as a CloudFormation YAML template using short-form intrinsics."""
    lines = [
        'AWSTemplateFormatVersion: "2010-09-09"',
        f"Description: Generated Pinpoint IAM benchmark stack {stack.index}.",
        "Parameters:",
        "  Stage:",
        "    Type: String",
        "    AllowedValues: [dev, prod]",
        "    Default: dev",
        "Conditions:",
        "  IsProd: !Equals [!Ref Stage, prod]",
        "Resources:",
        "  App:",
        "    Type: AWS::Pinpoint::App",
        "    Properties:",
        f"      Name: bench-{stack.index:04d}",
    ]
    role = cfn_logical_id(0, stack.policies[0])
    for position, policy in enumerate(stack.policies):
        lines.extend(_cfn_resource(stack, position, policy, role))
    return "\n".join(lines)


def _cfn_resource(
    stack: StackSpec, position: int, policy: PolicySpec, role: str
) -> list[str]:
    """The lines of one policy-bearing resource, indented under ``Resources``."""
    head = [
        f"  {cfn_logical_id(position, policy)}:",
        f"    Type: {policy.cfn_type}",
        "    Properties:",
    ]
    if policy.cfn_type == "AWS::IAM::Role":
        return [
            *head,
            "      AssumeRolePolicyDocument:",
            f"        Version: {_VERSION}",
            "        Statement:",
            "          - Effect: Allow",
            "            Principal: { Service: lambda.amazonaws.com }",
            "            Action: sts:AssumeRole",
            "      Policies:",
            f"        - PolicyName: {policy.name}",
            "          PolicyDocument:",
            *_cfn_document(stack, policy, 12),
        ]
    if policy.cfn_type == "AWS::IAM::Policy":
        head += [f"      PolicyName: {policy.name}", f"      Roles: [!Ref {role}]"]
    elif policy.cfn_type == "AWS::IAM::RolePolicy":
        head += [f"      PolicyName: {policy.name}", f"      RoleName: !Ref {role}"]
    return [*head, "      PolicyDocument:", *_cfn_document(stack, policy, 8)]


def _cfn_document(stack: StackSpec, policy: PolicySpec, indent: int) -> list[str]:
    pad = " " * indent
    lines = [f"{pad}Version: {_VERSION}", f"{pad}Statement:"]
    for statement in policy.statements:
        lines.extend(_cfn_statement(stack, statement, pad + "  "))
    return lines


def _cfn_statement(stack: StackSpec, statement: StatementSpec, pad: str) -> list[str]:
    actions = [json.dumps(action) for action in statement.actions]
    resources = [_cfn_arn(arn, stack) for arn in statement.resources]
    return [
        f"{pad}- Sid: {statement.sid}",
        f"{pad}  Effect: {statement.effect}",
        *_cfn_list(f"{pad}  ", "Action", actions),
        *_cfn_list(f"{pad}  ", "Resource", resources),
    ]


def _cfn_list(pad: str, key: str, items: list[str]) -> list[str]:
    """A scalar when there is one item (as people write it), else a block list."""
    if len(items) == 1:
        return [f"{pad}{key}: {items[0]}"]
    return [f"{pad}{key}:", *(f"{pad}  - {item}" for item in items)]


def _cfn_arn(arn: Arn, stack: StackSpec) -> str:
    """One resource element in YAML, with the intrinsic its form calls for."""
    if arn.form == "app":
        return "!GetAtt App.Arn"
    if arn.form == "app_path":
        return f'!Join ["", [!GetAtt App.Arn, "{arn.path}"]]'
    if arn.form == "sub":
        resource = arn.path.replace("{app}", "${App}")
        pseudo = "arn:${AWS::Partition}:%s:${AWS::Region}:${AWS::AccountId}:%s"
        return "!Sub " + json.dumps(pseudo % (arn.service, resource))
    if arn.form == "if":
        branches = (arn_text(arn, stack.app_id), arn_text(arn, stack.app_id, arn.alt))
        return f"!If [IsProd, {json.dumps(branches[0])}, {json.dumps(branches[1])}]"
    return json.dumps(arn_text(arn, stack.app_id))


# --- Terraform ---------------------------------------------------------------


def render_tf(stack: StackSpec) -> str:
    """One stack as a Terraform module: jsonencode, heredoc and data documents."""
    blocks = [
        'variable "prod" {\n  type    = bool\n  default = false\n}',
        'data "aws_caller_identity" "current" {}',
        f'resource "aws_pinpoint_app" "app" {{\n  name = "bench-{stack.index:04d}"\n}}',
    ]
    role = stack.policies[0].name
    for policy in stack.policies:
        blocks.append(_tf_block(stack, policy, role))
    return "\n\n".join(blocks)


def _tf_block(stack: StackSpec, policy: PolicySpec, role: str) -> str:
    name = policy.name
    if policy.cfn_type == "AWS::IAM::Role":
        return (
            f'resource "aws_iam_role" "{name}" {{\n  name = "{name}"\n'
            "  assume_role_policy = jsonencode({\n"
            '    Version = "2012-10-17"\n'
            '    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole",'
            ' Principal = { Service = "lambda.amazonaws.com" } }]\n  })\n'
            f'  inline_policy {{\n    name   = "{name}"\n'
            f"    policy = {_tf_jsonencode(stack, policy, 4)}\n  }}\n}}"
        )
    if policy.cfn_type == "AWS::IAM::ManagedPolicy":
        return (
            f'resource "aws_iam_policy" "{name}" {{\n  name   = "{name}"\n'
            f"  policy = {_tf_jsonencode(stack, policy, 2)}\n}}"
        )
    if policy.cfn_type == "AWS::IAM::Policy":
        if any(arn.form == "if" for s in policy.statements for arn in s.resources):
            body = _tf_jsonencode(stack, policy, 2)
        else:
            body = _tf_heredoc(stack, policy)
        return (
            f'resource "aws_iam_role_policy" "{name}" {{\n  name   = "{name}"\n'
            f"  role   = aws_iam_role.{role}.id\n  policy = {body}\n}}"
        )
    return _tf_data_document(stack, policy, role)


def _tf_jsonencode(stack: StackSpec, policy: PolicySpec, indent: int) -> str:
    pad = " " * indent
    lines = ["jsonencode({", f"{pad}  Version = {_VERSION}", f"{pad}  Statement = ["]
    for statement in policy.statements:
        actions = ", ".join(json.dumps(action) for action in statement.actions)
        resources = ", ".join(_tf_arn(arn, stack) for arn in statement.resources)
        lines += [
            f"{pad}    {{",
            f'{pad}      Sid      = "{statement.sid}"',
            f'{pad}      Effect   = "{statement.effect}"',
            f"{pad}      Action   = [{actions}]",
            f"{pad}      Resource = [{resources}]",
            f"{pad}    }},",
        ]
    return "\n".join([*lines, f"{pad}  ]", f"{pad}}})"])


def _tf_heredoc(stack: StackSpec, policy: PolicySpec) -> str:
    statements = [
        {
            "Sid": statement.sid,
            "Effect": statement.effect,
            "Action": list(statement.actions),
            "Resource": [_tf_string(arn, stack) for arn in statement.resources],
        }
        for statement in policy.statements
    ]
    document = json.dumps({"Version": "2012-10-17", "Statement": statements}, indent=2)
    return f"<<POLICY\n{document}\nPOLICY"


def _tf_data_document(stack: StackSpec, policy: PolicySpec, role: str) -> str:
    name = policy.name
    lines = [f'data "aws_iam_policy_document" "{name}" {{']
    for statement in policy.statements:
        actions = ", ".join(json.dumps(action) for action in statement.actions)
        resources = ", ".join(_tf_arn(arn, stack) for arn in statement.resources)
        lines += [
            "  statement {",
            f'    sid       = "{statement.sid}"',
            f'    effect    = "{statement.effect}"',
            f"    actions   = [{actions}]",
            f"    resources = [{resources}]",
            "  }",
        ]
    lines += [
        "}",
        "",
        f'resource "aws_iam_role_policy" "{name}_attach" {{',
        f'  name   = "{name}"',
        f"  role   = aws_iam_role.{role}.id",
        f"  policy = data.aws_iam_policy_document.{name}.json",
        "}",
    ]
    return "\n".join(lines)


def _tf_arn(arn: Arn, stack: StackSpec) -> str:
    """One resource element as an HCL expression."""
    if arn.form == "app":
        return "aws_pinpoint_app.app.arn"
    if arn.form == "if":
        branches = (arn_text(arn, stack.app_id), arn_text(arn, stack.app_id, arn.alt))
        return f"var.prod ? {json.dumps(branches[0])} : {json.dumps(branches[1])}"
    return json.dumps(_tf_string(arn, stack))


def _tf_string(arn: Arn, stack: StackSpec) -> str:
    """One resource element as the text of a string, interpolations included."""
    if arn.form == "app":
        return "${aws_pinpoint_app.app.arn}"
    if arn.form == "app_path":
        return "${aws_pinpoint_app.app.arn}" + arn.path
    if arn.form == "sub":
        resource = arn.path.replace("{app}", "${aws_pinpoint_app.app.application_id}")
        account = "${data.aws_caller_identity.current.account_id}"
        return f"arn:aws:{arn.service}:{REGION}:{account}:{resource}"
    return arn_text(arn, stack.app_id)
