#!/usr/bin/env bash
# Regenerates docs/screenshot.png and docs/wizard-*.png from the real window under Xvfb.
# Needs: apt-get install -y xvfb xauth libgtk-3-0; a built project (mvn -DskipTests package test-compile);
# the default model (models/default.bbm, or BACKBEAT_MODEL).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -DskipTests package test-compile
cp="target/classes:target/test-classes:$(ls target/lib/*.jar | tr '\n' ':')"
xvfb-run -a -s "-screen 0 1400x900x24" java @jvm.flags \
  -Dprism.lcdtext=false -cp "$cp" org.backbeat.ui.ScreenshotTour docs
