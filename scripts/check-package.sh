#!/usr/bin/env bash
# Builds the Debian package (cpack) and checks it the way a user gets it: lintian reports no
# errors, the dependencies came from the binary's libraries, and the binary unpacked from the
# package (dpkg-deb -x into a temporary root, away from the build tree) prints its version and
# renders a snapshot from its own installed data. A file missing from the package fails here.
# Usage: scripts/check-package.sh [BUILD_DIR]   (make package-check)
set -euo pipefail
build=$(cd "${1:-build}" && pwd)
cd "$build"
rm -f anatomy_*.deb
if ! cpack -G DEB >cpack.log 2>&1; then
  cat cpack.log >&2
  echo "check-package: cpack failed (log above)" >&2
  exit 1
fi
deb=$(ls anatomy_*.deb)
echo "package: $build/$deb ($(du -h "$deb" | cut -f1))"
depends=$(dpkg-deb -f "$deb" Depends)
echo "Depends: $depends"
case "$depends" in
  *libsdl2*) ;;
  *) echo "check-package: Depends lacks the libraries the binary links (dpkg-shlibdeps did not run?)" >&2; exit 1 ;;
esac
# Warnings left on purpose are listed in docs/packaging.md.
if command -v lintian >/dev/null 2>&1; then
  lintian --fail-on error --tag-display-limit 0 "$deb" | tee lintian.log
else
  echo "check-package: lintian is not installed (scripts/deps.sh installs it)" >&2
  exit 1
fi
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
dpkg-deb -x "$deb" "$root"
home="$root/home"
mkdir -p "$home"
run() {
  env -i PATH=/usr/bin:/bin HOME="$home" XDG_CONFIG_HOME="$home/config" XDG_STATE_HOME="$home/state" \
      XDG_DATA_DIRS=/nonexistent SDL_VIDEODRIVER=offscreen "$root/usr/bin/anatomy" "$@"
}
run --version
run snapshot -o "$root/snapshot.png" --size 320x240 --preset tight_hip_flexors --overlays
test "$(head -c 8 "$root/snapshot.png" | od -An -tx1 | tr -d ' \n')" = "89504e470d0a1a0a"
for f in usr/share/applications/anatomy.desktop usr/share/mime/packages/anatomy.xml usr/share/man/man1/anatomy.1.gz \
         usr/share/icons/hicolor/48x48/apps/anatomy.png usr/share/anatomy/assets/skeleton.glb usr/share/doc/anatomy/copyright; do
  test -s "$root/$f" || { echo "check-package: the package lacks $f" >&2; exit 1; }
done
echo "check-package: OK"
