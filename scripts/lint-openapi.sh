#!/usr/bin/env bash
# Lints the committed OpenAPI document (openapi.json, kept equal to the served one by
# apps/api/src/common/openapi.spec.ts) with Redocly's recommended rules (redocly.yaml): any error fails.
set -uo pipefail
cd "$(dirname "$0")/.."
REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true NO_UPDATE_NOTIFIER=1 npx --no-install redocly lint openapi.json --config redocly.yaml --format=summary
