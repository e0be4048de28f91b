#!/usr/bin/env bash
# The whole check: install what is missing, build, lint, then every test against real Kafka,
# ClickHouse and NATS. Extra arguments go to the test runner (e.g. --project pipelines/runtime,
# --test-name-pattern=…).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/bootstrap.sh
npx nx run-many -t build --output-style=static
npx nx run-many -t lint --output-style=static
node proto/scripts/check-generated.mjs
bash scripts/helm-check.sh
node tools/testkit/dist/src/run-tests.js "$@"
