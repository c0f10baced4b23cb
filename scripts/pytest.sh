#!/usr/bin/env bash
# Run the suite with the project's pytest; arguments go to pytest.
# pytest exits 5 when it collected no test: for us that is a failure, since a
# green run that tested nothing hides a broken collection.
set -uo pipefail
cd "$(dirname "$0")/.."

.venv/bin/pytest "$@"
status=$?
if [ "$status" -eq 5 ]; then
    echo "pytest collected no tests: treating that as a failure." >&2
    exit 1
fi
exit "$status"
