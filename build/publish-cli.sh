#!/usr/bin/env bash
# Publishes the mlops-gates CLI with ReadyToRun images for linux-x64, as the MlOps.Gates package compiles it (see
# src/MlOps.Gates.MSBuild), to artifacts/bench/cli-r2r for the benchmarks: the net10.0 build, which an SDK 10 runs.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dotnet publish "$root/src/MlOps.Gates.Cli" -c Release -f net10.0 -r linux-x64 --self-contained false -p:PublishReadyToRun=true -p:UseAppHost=false -o "$root/artifacts/bench/cli-r2r" --nologo -v quiet
