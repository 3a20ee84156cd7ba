#!/usr/bin/env bash
# Issue 15's fault test under load, with its figures: three Portal instances, a process playing the WeChat
# platform and a Redis of their own, all real processes on 127.0.0.1 (see Portal.Tests/Cluster). Runs the
# cluster tests with a heavier load than the suite's and prints the report: for each outage, the pushes sent,
# how they were answered, messages handled twice, time to recover, latencies and log lines per process.
#   RATE=50 MESSAGES=1500 PLATFORM_OUTAGE_SECONDS=600 bench/cluster-faults.sh
# PostgreSQL and the tests' shared Redis come from ./test.sh (started unless PORTAL_TEST_POSTGRES and
# PORTAL_TEST_REDIS name running servers); /usr/bin/redis-server must exist for the cluster's own Redis.
set -euo pipefail
cd "$(dirname "$0")/.."

REPORT="$(mktemp -t portal-cluster-report.XXXXXX.md)"
trap 'rm -f "$REPORT"' EXIT
export PORTAL_CLUSTER_REPORT="$REPORT"
export PORTAL_CLUSTER_RATE="${RATE:-50}"
export PORTAL_CLUSTER_MESSAGES="${MESSAGES:-1500}"
export PORTAL_CLUSTER_PLATFORM_OUTAGE_SECONDS="${PLATFORM_OUTAGE_SECONDS:-600}"

status=0
./test.sh --filter "FullyQualifiedName~Portal.Tests.Cluster" || status=$?

echo
echo "Cluster faults, $(date -u +%Y-%m-%d), $(nproc) cores, ${PORTAL_CLUSTER_RATE} new messages a second during each outage,"
echo "${PORTAL_CLUSTER_MESSAGES} messages across the Redis restart, platform away ${PORTAL_CLUSTER_PLATFORM_OUTAGE_SECONDS} s:"
echo
cat "$REPORT"
exit $status
