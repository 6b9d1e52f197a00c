#!/usr/bin/env bash
# Builds the repository (skip with --no-build), then runs one benchmark:
#   infra/bench/run.sh [--no-build] coldstart|throughput|sweep|chaos|all [options]
# Options are the jar's (java -jar infra/bench/target/scanpay-bench.jar help). Extra Maven arguments,
# e.g. -o for an offline build, go in BENCH_MVN_ARGS.
set -euo pipefail
cd "$(dirname "$0")/../.."
if [[ "${1:-}" == "--no-build" ]]; then
  shift
else
  # shellcheck disable=SC2086
  ./mvnw -B -ntp -q -DskipTests ${BENCH_MVN_ARGS:-} install
fi
exec java -jar infra/bench/target/scanpay-bench.jar "$@"
