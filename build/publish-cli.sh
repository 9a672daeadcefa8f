#!/usr/bin/env bash
# Publishes the mlops-gates CLI as the MlOps.Gates package ships it on linux-x64 (ReadyToRun images, see
# src/MlOps.Gates.MSBuild) to artifacts/bench/cli-r2r, for the benchmarks to measure what users run.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dotnet publish "$root/src/MlOps.Gates.Cli" -c Release -f net10.0 -r linux-x64 --self-contained false -p:PublishReadyToRun=true -p:UseAppHost=false -o "$root/artifacts/bench/cli-r2r" --nologo -v quiet
