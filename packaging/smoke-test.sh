#!/usr/bin/env bash
# Smoke tests of the Linux builds (run packaging/build-linux.sh first):
#   packaging/smoke-test.sh          -> both checks below (the .deb check only where a .deb was built)
#   packaging/smoke-test.sh --image  -> starts the app image under Xvfb and checks that the window shows
#       a groove: a screenshot (target/dist/smoke.png) is the proof, and the app's own start-up log
#       line gives the time to the first playable groove. Needs: xvfb xauth libgtk-3-0 imagemagick.
#   packaging/smoke-test.sh --deb    -> installs target/dist/backbeat_*.deb with dpkg --root into a
#       fresh minimal Debian 12 root (debootstrap minbase plus the package's dependencies, as
#       `apt-get install ./backbeat_*.deb` would leave it, and without /usr/share/desktop-directories
#       and /usr/share/applications, as on a minimal Debian 12), and checks that it configures
#       ("install ok installed"), that the menu entry and MIDI type were registered, that the
#       installed app runs, that a failing xdg-desktop-menu does not fail the install, and that
#       the package removes and purges cleanly. Needs root, debootstrap (first run only: the base
#       root is cached in $BACKBEAT_DEB_ROOT_CACHE, default ~/.cache/backbeat/) and Debian's
#       package mirror for that first run. BACKBEAT_DEB=FILE checks another .deb.
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-all}
case "$mode" in all|--image|--deb) ;; *) echo "usage: $0 [--image|--deb]" >&2; exit 2 ;; esac

image_check () {
  app=target/dist/Backbeat/bin/Backbeat
  [ -x "$app" ] || { echo "smoke-test: build the image first (packaging/build-linux.sh --image)" >&2; exit 1; }
  log=$PWD/target/dist/smoke.log
  JAVA_TOOL_OPTIONS="-Dbackbeat.startupTime=true" xvfb-run -a -s "-screen 0 1400x900x24" bash -c "
    (cd / && exec '$PWD/$app') > '$log' 2>&1 &
    pid=\$!
    for i in \$(seq 1 60); do grep -q 'first groove ready' '$log' && break; sleep 1; done
    sleep 2
    import -window root target/dist/smoke.png
    kill \$pid"
  grep 'first groove ready' "$log" || { echo "smoke-test: no groove within 60 s" >&2; cat "$log" >&2; exit 1; }
  echo "screenshot: target/dist/smoke.png"
}

fail () { echo "smoke-test (deb): $*" >&2; exit 1; }

# A tarball of a minimal Debian 12 root with the package's dependencies installed; rebuilt when the
# dependencies change (their list is part of the name).
base_root () {
  local deb=$1 deps key cache tmp
  deps=$(dpkg-deb -f "$deb" Depends)
  key=$(printf '%s' "$deps" | sha256sum | cut -c1-12)
  cache=${BACKBEAT_DEB_ROOT_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/backbeat}/bookworm-minbase-$key.tar
  if [ ! -f "$cache" ]; then
    command -v debootstrap >/dev/null || fail "debootstrap is needed once to make $cache (apt-get install debootstrap)"
    echo "smoke-test (deb): making a minimal Debian 12 root with the package's dependencies (once: $cache)" >&2
    tmp=$(mktemp -d "${TMPDIR:-/tmp}/backbeat-debroot.XXXXXX")
    debootstrap --variant=minbase bookworm "$tmp" http://deb.debian.org/debian >&2 \
      || fail "debootstrap failed (log: $tmp/debootstrap/debootstrap.log)"
    # apt resolves the virtual and alternative dependencies (dbus-session-bus for dconf) that
    # debootstrap's --include cannot; --no-install-recommends keeps the root minimal.
    chroot "$tmp" /usr/bin/env DEBIAN_FRONTEND=noninteractive PATH=/usr/sbin:/usr/bin:/sbin:/bin \
      apt-get install -y -q --no-install-recommends $(echo "$deps" | sed 's/([^)]*)//g; s/|[^,]*//g; s/,/ /g') >&2 \
      || fail "could not install the package's dependencies into the root"
    chroot "$tmp" apt-get clean
    mkdir -p "$(dirname "$cache")"
    tar -C "$tmp" -cf "$cache.part" . && mv "$cache.part" "$cache"
    rm -rf "$tmp"
  fi
  echo "$cache"
}

root=
cleanup_root () {
  [ -n "$root" ] || return 0
  umount "$root/proc" 2>/dev/null || true
  rm -rf "$root"
}

deb_check () {
  local deb status out cache scripts
  deb=${BACKBEAT_DEB:-$(ls "$PWD"/target/dist/backbeat_*_amd64.deb 2>/dev/null | tail -1)}
  [ -n "$deb" ] || fail "build the .deb first (packaging/build-linux.sh)"
  [ "$(id -u)" = 0 ] || fail "needs root (dpkg --root runs the maintainer scripts in a chroot)"
  deb=$(realpath "$deb")

  # The maintainer scripts in the package are Backbeat's (packaging/linux/), with jpackage's
  # placeholders filled in.
  scripts=$(mktemp -d)
  dpkg-deb -e "$deb" "$scripts"
  grep -q 'best_effort' "$scripts/postinst" || fail "the package's postinst is jpackage's, not packaging/linux/postinst"
  grep -q '^xdg-desktop-menu install /opt/backbeat/' "$scripts/postinst" || fail "postinst has no menu command"
  grep -q '^xdg-desktop-menu uninstall /opt/backbeat/' "$scripts/prerm" || fail "prerm has no menu command"
  ! grep -qE 'DESKTOP_COMMANDS_|UTILITY_SCRIPTS|APPLICATION_PACKAGE' "$scripts/postinst" "$scripts/prerm" \
    || fail "placeholders left unfilled in the maintainer scripts"
  rm -rf "$scripts"

  cache=$(base_root "$deb")
  root=$(mktemp -d "${TMPDIR:-/tmp}/backbeat-debroot.XXXXXX")
  trap cleanup_root EXIT
  fresh_root () {
    umount "$root/proc" 2>/dev/null || true
    rm -rf "$root"; mkdir -p "$root"
    tar -C "$root" -xf "$cache"
    # As on a minimal Debian 12: xdg-desktop-menu exits 3 without these.
    rm -rf "$root/usr/share/desktop-directories" "$root/usr/share/applications"
  }
  installed () { dpkg-query --root="$root" -W -f='${Status}' backbeat 2>/dev/null || true; }

  # 1. A plain install configures and registers the menu entry and the MIDI type.
  fresh_root
  out=$(dpkg --root="$root" -i "$deb" 2>&1) || { echo "$out" >&2; fail "dpkg -i failed: $(installed)"; }
  status=$(installed)
  [ "$status" = "install ok installed" ] || { echo "$out" >&2; fail "status after install: '$status'"; }
  echo "deb: installed into a root without /usr/share/desktop-directories: $status"
  [ -f "$root/usr/share/applications/backbeat-Backbeat.desktop" ] || { echo "$out" >&2; fail "no menu entry"; }
  [ -f "$root/usr/share/mime/packages/backbeat-Backbeat-MimeInfo.xml" ] || { echo "$out" >&2; fail "no MIDI type"; }
  echo "deb: menu entry and MIDI type registered"
  mkdir -p "$root/proc" && mount -t proc proc "$root/proc"
  out=$(chroot "$root" /opt/backbeat/bin/Backbeat --help 2>&1) || { echo "$out" >&2; fail "the installed app fails"; }
  umount "$root/proc"
  echo "deb: /opt/backbeat/bin/Backbeat --help: $(echo "$out" | grep -v '^WARNING' | head -1)"
  out=$(dpkg --root="$root" -r backbeat 2>&1) || { echo "$out" >&2; fail "dpkg -r failed"; }
  [ ! -e "$root/usr/share/applications/backbeat-Backbeat.desktop" ] || fail "menu entry left after remove"
  dpkg --root="$root" -P backbeat >/dev/null 2>&1 || fail "dpkg -P failed"
  [ -z "$(installed)" ] || [ "$(installed)" = "unknown ok not-installed" ] || fail "left after purge: $(installed)"
  [ ! -e "$root/opt/backbeat" ] || fail "/opt/backbeat left after purge"
  echo "deb: removed and purged"

  # 2. An xdg-desktop-menu that fails (exit 3, as the real one does without a writable menu
  #    directory) is reported and does not fail the install, nor the removal.
  fresh_root
  mkdir -p "$root/usr/local/bin"
  printf '#!/bin/sh\necho "xdg-desktop-menu: No writable system menu directory found." >&2\nexit 3\n' \
    > "$root/usr/local/bin/xdg-desktop-menu"
  chmod +x "$root/usr/local/bin/xdg-desktop-menu"
  out=$(PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin dpkg --root="$root" -i "$deb" 2>&1) \
    || { echo "$out" >&2; fail "dpkg -i failed with a failing xdg-desktop-menu: $(installed)"; }
  status=$(installed)
  [ "$status" = "install ok installed" ] || { echo "$out" >&2; fail "status with a failing xdg-desktop-menu: '$status'"; }
  echo "$out" | grep -q "backbeat: 'xdg-desktop-menu install .*' failed (exit 3)" \
    || { echo "$out" >&2; fail "the failure was not reported"; }
  echo "deb: a failing xdg-desktop-menu (exit 3) is reported and the package still configures: $status"
  out=$(PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin dpkg --root="$root" -P backbeat 2>&1) \
    || { echo "$out" >&2; fail "dpkg -P failed with a failing xdg-desktop-menu"; }
  echo "deb: and it purges"
}

case "$mode" in
  --image) image_check ;;
  --deb) deb_check ;;
  all) image_check
       if ls target/dist/backbeat_*_amd64.deb >/dev/null 2>&1; then deb_check; else
         echo "smoke-test: no .deb built (packaging/build-linux.sh without --image): deb check skipped"; fi ;;
esac
