"""Entry point for ``checkov --external-checks-dir``: registers the Pinpoint checks.

checkov executes every ``.py`` file in an external checks directory under its bare
file name, so this directory holds only this uniquely named file (and the
``__init__.py`` checkov requires), and all logic lives in the package.
"""

from checkov_pinpoint.checkov_adapter import register_checks

CHECKS = register_checks()
