#!/usr/bin/env bash
# Backbeat vs Magenta.js on the same GrooVAE 4-bar checkpoint, on this machine, in one run.
# Needs Node 20 and npm (the Magenta.js harness in ../shared/peer/magentajs is copied to a temp dir).
#   bench/side-by-side.sh [--quick|full]
# Backbeat uses 2 threads per call on 2+ cores and is also timed on 1, run for run (BACKBEAT_THREADS=1: one only);
# MAGENTA_BACKENDS=wasm skips Magenta.js's slow plain-JS backend (default wasm,cpu).
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${BACKBEAT_SHARED:-../shared}
ckpt="$shared/fixtures/magenta-groovae/checkpoint"
mode=${1:---quick}
[ "$mode" = full ] && mode=""
threads=${BACKBEAT_THREADS:-2}
backends=${MAGENTA_BACKENDS:-wasm,cpu}
work=$(mktemp -d)
cp -r "$shared/peer/magentajs/." "$work/"
(cd "$work" && npm ci --silent >/dev/null)
./backbeat import-magenta "$ckpt" --out "$work/groovae.bbm" >/dev/null
echo "== Backbeat (Java, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg))"
./backbeat bench --model "$work/groovae.bbm" --threads "$threads" --json > "$work/backbeat.json"
cat "$work/backbeat.json"
echo "== Magenta.js 1.23.1 (same checkpoint)"
(cd "$work" && node bench.mjs "$(cd - >/dev/null; realpath "$ckpt")" $mode --json --backends "$backends" > "$work/magenta.json")
cat "$work/magenta.json"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
rm -rf "$work"
