"""The exceptions checkov-pinpoint raises, all under one base."""

from __future__ import annotations


class PinpointLintError(Exception):
    """Base of every error checkov-pinpoint raises on purpose."""


class PluginError(PinpointLintError):
    """A plugin misbehaved; the message names the plugin and the hook."""


class ExtractionError(PinpointLintError):
    """A template could not be read into statements."""
