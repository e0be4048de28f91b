#!/usr/bin/env bash
# The main job: install what is missing, build, then start the platform on local servers and
# play simulated calls through it. Arguments go to the demo (--calls N, --scenario FILE, --concurrent C,
# --embedded, --help).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/bootstrap.sh
npx nx run-many -t build --output-style=static >/dev/null || npx nx run-many -t build --output-style=static
exec node tools/demo/dist/src/main.js "$@"
