#!/usr/bin/env bash
# Publishes edgereg for linux-x64 as one file that needs no .NET SDK or runtime on the machine.
#   build/publish.sh              self-contained single file (what ships; see README "A binary without the SDK")
#   build/publish.sh --aot        Native AOT instead: an experiment, NOT shippable yet. The code still serializes JSON
#                                 by reflection (admin API, CLI clients, profiles), which AOT cannot do: the build has
#                                 ~27 IL2026/IL3050 warnings (errors here, so they are let through for the experiment)
#                                 and the binary starts but answers those routes with 500. See README.
# Output: artifacts/bin/edgereg (single file) or artifacts/aot/edgereg (artifacts/edgereg/ is ./edgereg's build). Prints the file and how long publishing took.
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
    -p:PublishAot=true --artifacts-path "$PWD/artifacts/build-aot" -p:TreatWarningsAsErrors=false
else
  out=artifacts/bin
  dotnet publish src/EdgeRegistry -c Release -r linux-x64 --nologo -v q -o "$out" \
    --self-contained true -p:PublishSingleFile=true -p:IncludeNativeLibrariesForSelfExtract=true \
    -p:EnableCompressionInSingleFile=false -p:DebugType=none \
    --artifacts-path "$PWD/artifacts/build-single"
fi
echo "published $out/edgereg ($mode, $(du -h "$out/edgereg" | cut -f1)) in $(( $(date +%s) - started )) s"
