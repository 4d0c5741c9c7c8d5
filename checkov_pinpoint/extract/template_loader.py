"""Reading a whole CloudFormation template from disk, safely, for context.

checkov hands a check one resource at a time, but judging ``!Ref Stage`` or
``!GetAtt App.Arn`` needs the template's Parameters and Resources. checkov records
the file each resource came from, so the template is read again here, once per
file, with a YAML loader that knows CloudFormation's short-form tags and
constructs nothing else (no Python objects, no code execution).
"""

from __future__ import annotations

import functools
import json
import logging
import os
from collections.abc import Mapping
from typing import Any

import yaml

__all__ = ["MAX_TEMPLATE_BYTES", "load_context", "load_template", "parse_template"]

logger = logging.getLogger(__name__)

#: CloudFormation rejects templates over 1 MB; anything far larger is not read.
MAX_TEMPLATE_BYTES = 5 * 1024 * 1024

_TAGS = (
    "Ref",
    "Condition",
    "Sub",
    "GetAtt",
    "Join",
    "If",
    "Select",
    "Split",
    "ImportValue",
    "FindInMap",
    "Base64",
    "GetAZs",
    "Cidr",
    "And",
    "Or",
    "Not",
    "Equals",
    "Transform",
    "Length",
    "ToJsonString",
)


class _CfnLoader(yaml.SafeLoader):
    """A safe YAML loader that also reads CloudFormation's short-form tags."""


#: The same loader on libyaml's parser when PyYAML was built with it: about
#: nine times faster on large templates. Its constructors are the safe ones.
_FastCfnLoader: type[yaml.SafeLoader] | None = None
if getattr(yaml, "__with_libyaml__", False):

    class _FastCfnLoader(yaml.CSafeLoader):  # type: ignore[no-redef]
        """:class:`_CfnLoader` on libyaml."""


def _construct(tag: str) -> Any:
    name = tag if tag in ("Ref", "Condition") else f"Fn::{tag}"

    def construct(loader: yaml.SafeLoader, node: yaml.Node) -> dict[str, Any]:
        if isinstance(node, yaml.ScalarNode):
            value: Any = loader.construct_scalar(node)
            if tag == "GetAtt" and isinstance(value, str):
                value = value.split(".", 1)
        elif isinstance(node, yaml.SequenceNode):
            value = loader.construct_sequence(node, deep=True)
        else:
            value = loader.construct_mapping(node, deep=True)  # type: ignore[arg-type]
        return {name: value}

    return construct


#: The loaders to try in turn: libyaml's first when there is one.
_YAML_LOADERS: tuple[type[yaml.SafeLoader], ...] = (
    (_CfnLoader,) if _FastCfnLoader is None else (_FastCfnLoader, _CfnLoader)
)
for _loader in _YAML_LOADERS:
    for _tag in _TAGS:
        _loader.add_constructor(f"!{_tag}", _construct(_tag))


def parse_template(text: str) -> Mapping[str, Any] | None:
    """Parse template text (JSON or YAML); None when it is not a template mapping."""
    if text.lstrip().startswith("{"):
        document = _parsed(text, None)
    else:
        # libyaml refuses a few documents the pure-Python parser reads (as the
        # hosts, which use the pure-Python one, do); a second try settles it.
        for loader in _YAML_LOADERS:
            document = _parsed(text, loader)
            if document is not None:
                break
    return document if isinstance(document, Mapping) else None


def _parsed(text: str, loader: type[yaml.SafeLoader] | None) -> Any:
    """``text`` read as JSON (no loader) or by the YAML ``loader``; None if it fails."""
    try:
        return json.loads(text) if loader is None else yaml.load(text, loader)  # noqa: S506
    except Exception as error:
        # PyYAML's constructors raise more than YAMLError on odd input (an
        # AttributeError for "!!timestamp 2001-12-14x"); none of it is a template.
        logger.debug("not a readable template: %r", error)
        return None


def load_context(path: str) -> Mapping[str, Any] | None:
    """What judging the template's intrinsics needs, read once per file version.

    That is the Parameters, the Mappings and the Type of each resource: what
    :class:`~checkov_pinpoint.extract.intrinsics.Resolver` reads. Keeping only
    those (and not every resource's properties) between checks keeps a scan of
    many large templates from holding them all in memory, where the host's
    garbage collector would walk them again and again.
    """
    try:
        status = os.stat(path)
    except OSError:
        logger.debug("template %s cannot be read for context", path)
        return None
    return _context(os.path.abspath(path), status.st_mtime_ns, status.st_size)


@functools.lru_cache(maxsize=64)
def _context(path: str, mtime_ns: int, size: int) -> Mapping[str, Any] | None:
    template = load_template(path)
    if template is None:
        return None
    resources = template.get("Resources")
    if isinstance(resources, Mapping):
        resources = {
            name: {"Type": resource.get("Type")}
            for name, resource in resources.items()
            if isinstance(resource, Mapping)
        }
    return {
        "Parameters": template.get("Parameters"),
        "Mappings": template.get("Mappings"),
        "Resources": resources,
    }


def load_template(path: str) -> Mapping[str, Any] | None:
    """Read and parse the template at ``path``; None when it cannot be read."""
    try:
        size = os.stat(path).st_size
    except OSError:
        logger.debug("template %s cannot be read", path)
        return None
    if size > MAX_TEMPLATE_BYTES:
        logger.warning(
            "template %s is over %d bytes; read without context",
            path,
            MAX_TEMPLATE_BYTES,
        )
        return None
    try:
        with open(path, encoding="utf-8") as handle:
            return parse_template(handle.read())
    except (OSError, UnicodeDecodeError) as error:
        logger.debug("template %s cannot be read: %s", path, error)
        return None
