#!/usr/bin/env bash
# Publishes edgereg for linux-x64 as one file that needs no .NET SDK or runtime on the machine.
#   build/publish.sh              self-contained single file (what ships; see README "A binary without the SDK")
#   build/publish.sh --aot        Native AOT instead (an experiment: see README for what it needs)
# Output: artifacts/edgereg (single file) or artifacts/aot/edgereg. Prints the file and how long publishing took.
set -euo pipefail
cd "$(dirname "$0")/.."

mode=single-file
case "${1:-}" in
  "") ;;
  --aot) mode=aot ;;
  *) echo "usage: build/publish.sh [--aot]" >&2; exit 2 ;;
esac

started=$(date +%s)
if [ "$mode" = aot ]; then
  out=artifacts/aot
  # Its own obj/bin folders (--artifacts-path), so publishing never disturbs the normal build's.
  dotnet publish src/EdgeRegistry -c Release -r linux-x64 --nologo -v q -o "$out" \
    -p:PublishAot=true --artifacts-path "$PWD/artifacts/build-aot" -p:InvariantGlobalization=true
else
  out=artifacts
  dotnet publish src/EdgeRegistry -c Release -r linux-x64 --nologo -v q -o "$out/publish" \
    --self-contained true -p:PublishSingleFile=true -p:IncludeNativeLibrariesForSelfExtract=true \
    -p:EnableCompressionInSingleFile=false -p:DebugType=none \
    --artifacts-path "$PWD/artifacts/build-single"
  cp "$out/publish/edgereg" "$out/edgereg"
fi
echo "published $out/edgereg ($mode, $(du -h "$out/edgereg" | cut -f1)) in $(( $(date +%s) - started )) s"
