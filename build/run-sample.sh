#!/usr/bin/env bash
# Packs MlOps.Gates from this repository with a fresh version and builds the churn sample with it, which runs the
# sample's gates after Build. A fresh version each time keeps NuGet from handing back a cached older package.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
version="0.1.0-dev.$(date +%Y%m%d%H%M%S)"
dotnet pack "$root/src/MlOps.Gates.MSBuild" -c Release -p:Version="$version" -o "$root/artifacts/packages" --nologo -v quiet
dotnet build "$root/samples/Churn" -p:MlOpsGatesVersion="$version" --nologo "$@"
dotnet run --project "$root/samples/Churn" --no-build
