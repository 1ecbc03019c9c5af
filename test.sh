#!/usr/bin/env bash
# Runs the whole test suite (both test projects). Tests that need the original ONS files skip
# with a message when ../shared/ons is absent. Extra arguments go to `dotnet test`.
set -euo pipefail
cd "$(dirname "$0")"
dotnet test SocBridge.sln -c Release --logger "trx" --logger "console;verbosity=minimal" "$@"
