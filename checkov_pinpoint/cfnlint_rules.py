"""cfn-lint rules for Pinpoint IAM: ``cfn-lint --append-rules checkov_pinpoint.cfnlint_rules``.

cfn-lint instantiates every rule class bound in this module, so the module binds
exactly one class per registered engine rule (built-in and plugin rules alike)
and nothing else: the shared base class lives in
:mod:`checkov_pinpoint.cfnlint_adapter` and is not imported by name here.
"""

from checkov_pinpoint import cfnlint_adapter as _adapter
from checkov_pinpoint.plugins import registered_rules as _registered_rules

for _rule in _registered_rules():
    if getattr(_rule, "cfnlint_id", None):
        _class = _adapter.build_rule_class(_rule)
        globals()[_class.__name__] = _class

del _class, _rule
