#!/usr/bin/env bash
# Starts the built app image under Xvfb and checks that the window shows a groove: a screenshot
# (target/dist/smoke.png) is the proof, and the app's own start-up log line gives the time to the
# first playable groove. Needs: xvfb xauth libgtk-3-0 imagemagick; run packaging/build-linux.sh --image first.
set -euo pipefail
cd "$(dirname "$0")/.."
app=target/dist/Backbeat/bin/Backbeat
[ -x "$app" ] || { echo "smoke-test: build the image first (packaging/build-linux.sh --image)" >&2; exit 1; }
log=$PWD/target/dist/smoke.log
export JAVA_TOOL_OPTIONS="-Dbackbeat.startupTime=true"
xvfb-run -a -s "-screen 0 1400x900x24" bash -c "
  (cd / && exec '$PWD/$app') > '$log' 2>&1 &
  pid=\$!
  for i in \$(seq 1 60); do grep -q 'first groove ready' '$log' && break; sleep 1; done
  sleep 2
  import -window root target/dist/smoke.png
  kill \$pid"
grep 'first groove ready' "$log" || { echo "smoke-test: no groove within 60 s" >&2; cat "$log" >&2; exit 1; }
echo "screenshot: target/dist/smoke.png"
