#!/usr/bin/env bash
# Builds a Linux app-image (and a .deb where dpkg-deb exists) with a trimmed Java runtime.
# Called by `mvn -B -Pdist package` after target/heirloom.jar and target/lib/ exist.
set -euo pipefail
version="${1:-0.1.0}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
target="$root/target"
dist="$target/dist"
input="$target/jpackage-input"
rm -rf "$dist" "$input"
mkdir -p "$dist" "$input"
cp "$target/heirloom.jar" "$input/"
cp -r "$target/lib" "$input/lib"

# The sample project and assets travel beside the jar, in $APPDIR (= heirloom.install).
for d in sample-projects assets; do
  [ -d "$root/$d" ] && cp -r "$root/$d" "$input/$d"
done

# Modules the class path needs (JavaFX and the rest are on the class path, not modules).
modules="java.base,java.desktop,java.logging,java.management,java.naming,java.net.http,java.scripting,java.sql,java.xml,jdk.unsupported,jdk.crypto.ec,jdk.zipfs,jdk.jfr,jdk.httpserver"

common=(--name heirloom --app-version "$version" --input "$input" --main-jar heirloom.jar
  --main-class org.heirloom.Launcher --dest "$dist"
  --add-modules "$modules" --jlink-options "--strip-debug --no-header-files --no-man-pages"
  --java-options "-Dai.djl.offline=true" --java-options "-Dheirloom.install=\$APPDIR"
  --java-options "-Xmx8g" --description "Workbench for active inheritance"
  --vendor "Heirloom")

jpackage --type app-image "${common[@]}"
echo "app-image: $dist/heirloom"
if command -v dpkg-deb >/dev/null 2>&1 && command -v objcopy >/dev/null 2>&1; then
  jpackage --type deb "${common[@]}" --linux-shortcut --linux-menu-group Science
  echo "deb: $(ls "$dist"/*.deb)"
else
  echo "skipping .deb (needs dpkg-deb and binutils)"
fi
