#!/usr/bin/env bash
# Publishes the socbridge command into DIR (default dist/): DIR/socbridge, compiled ahead of time, runs the series
# verbs (apportion, demo) and starts at once; DIR/managed/ holds the managed build (ReadyToRun), to which DIR/socbridge
# hands every other command line (lookup, map, search, release, recode, code, serve, audit, weights, help).
# Usage: ./publish.sh [DIR]. Needs the .NET 10 SDK and a C toolchain (gcc or clang) for the native link.
set -euo pipefail
cd "$(dirname "$0")"
dir=$(realpath -m "${1:-dist}")
case "$(uname -m)" in
  x86_64) rid=linux-x64 ;;
  aarch64) rid=linux-arm64 ;;
  *) echo "publish.sh: no runtime identifier for $(uname -m)" >&2; exit 1 ;;
esac
stage=$(mktemp -d "${dir%/}.staging.XXXXXX")
trap 'rm -rf "$stage"' EXIT
chmod 755 "$stage"
dotnet publish src/SocBridge.Cli -c Release -r "$rid" -p:SocBridgeNative=true -o "$stage" -nologo -v q
dotnet publish src/SocBridge.Cli -c Release -r "$rid" --self-contained false -p:PublishReadyToRun=true -p:SocBridgeOutputs=publish -o "$stage/managed" -nologo -v q
# Debug symbols and API documentation stay out of the published folder.
find "$stage" -maxdepth 2 \( -name '*.dbg' -o -name '*.pdb' -o -name '*.xml' \) -delete
rm -rf "$dir"
mv "$stage" "$dir"
trap - EXIT
echo "published $dir/socbridge (native: apportion, demo) and $dir/managed/socbridge (every verb)"
