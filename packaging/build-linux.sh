#!/usr/bin/env bash
# Builds Backbeat's Linux app image and .deb with jpackage (JDK 17+):
#   packaging/build-linux.sh            -> target/dist/Backbeat/ (app image) and target/dist/backbeat_*.deb
#   packaging/build-linux.sh --image    -> the app image only (no fakeroot/dpkg-deb needed)
# The image carries a jlinked runtime with only the modules Backbeat uses, the Linux natives only
# (nd4j-native linux-x86_64, JavaFX linux jars), and the shipped model in app/models/.
set -euo pipefail
cd "$(dirname "$0")/.."
image_only=false
[ "${1:-}" = "--image" ] && image_only=true

version=$(mvn -q -B help:evaluate -Dexpression=project.version -DforceStdout 2>/dev/null || echo 0.1.0)
version=$(echo "$version" | grep -oE "[0-9]+(\.[0-9]+)+" | head -1)
version=${version:-0.1.0}
mvn -q -B -DskipTests package

input=target/jpackage-input
dist=target/dist
rm -rf "$input" "$dist"
mkdir -p "$input/models" "$dist"
cp target/backbeat.jar "$input/"
cp -r target/lib "$input/lib"
# Only this OS's natives: the JavaFX "empty" jars without a classifier are kept (they carry the
# module names), nothing for other platforms is on the class path to begin with.
if [ -f models/default.bbm ]; then cp models/default.bbm "$input/models/"; else
  echo "build-linux: models/default.bbm missing: the image would have no model" >&2; exit 1; fi
cp models/README.md "$input/models/"
# The task models (Humanize, Drumify) ship where they exist; the studio says which one is missing.
for task in humanize drumify; do
  if [ -f "models/$task.bbm" ]; then cp "models/$task.bbm" "$input/models/"; fi
done

modules=java.base,java.desktop,java.logging,java.management,java.naming,java.prefs,java.scripting,java.sql,\
java.xml,jdk.unsupported,jdk.incubator.vector,jdk.jfr,jdk.zipfs,jdk.crypto.ec,java.net.http,jdk.management
# the JVM flags, one a line in jvm.flags (their one source), less its comments and blank lines
java_opts=()
while read -r flag; do java_opts+=(--java-options "$flag"); done < <(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' jvm.flags)
common=(--name Backbeat --app-version "$version" --vendor "Backbeat" --input "$input" --main-jar backbeat.jar
        --main-class org.backbeat.Launcher --icon packaging/backbeat.png --add-modules "$modules"
        --jlink-options "--strip-debug --no-man-pages --no-header-files --compress=2" "${java_opts[@]}"
        --description "Drum-groove studio with a GrooVAE model")

jpackage --type app-image --dest "$dist" "${common[@]}"
echo "app image: $dist/Backbeat ($(du -sh "$dist/Backbeat" | cut -f1))"
if ! $image_only; then
  # packaging/linux/ holds Backbeat's postinst and prerm (jpackage's templates with the menu and
  # MIDI-type registration made best-effort: see their headers); jpackage fills in their placeholders.
  jpackage --type deb --dest "$dist" "${common[@]}" --resource-dir packaging/linux \
    --linux-package-name backbeat --linux-shortcut --linux-menu-group "AudioVideo;Audio;Midi" \
    --linux-app-category sound --file-associations packaging/midi-association.properties \
    --linux-package-deps "libgtk-3-0, libgl1, libasound2, libxtst6, libxxf86vm1"
  ls -la "$dist"/*.deb
fi
