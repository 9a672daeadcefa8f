#!/usr/bin/env bash
# Installs MlOps.Gates.Tool into the tool folder and puts it on PATH. A folder the cache restored at the right version
# is used as it is; otherwise the tool comes from the configured feeds (and the action's source input), and when none
# has that version it is packed from the action's own checkout first, so the action works before a release is published.
set -euo pipefail
action=${GITHUB_ACTION_PATH:?GITHUB_ACTION_PATH is not set: this script is a step of the MlOps.Gates action}
version=${MLOPS_GATES_VERSION:?}
tool_dir=${MLOPS_GATES_TOOL_DIR:?}
installed=$("$tool_dir/mlops-gates" --version 2>/dev/null || true)
if [ "${installed%%+*}" = "$version" ]; then
  echo "mlops-gates $version restored from the cache"
else
  rm -rf "$tool_dir"
  args=(tool install MlOps.Gates.Tool --version "$version" --tool-path "$tool_dir")
  if [ -n "${MLOPS_GATES_SOURCE:-}" ]; then args+=(--add-source "$MLOPS_GATES_SOURCE"); fi
  log="${RUNNER_TEMP:?}/mlops-gates-install.log"
  if dotnet "${args[@]}" > "$log" 2>&1; then
    echo "mlops-gates $version installed from a feed"
  else
    echo "MlOps.Gates.Tool $version is on no configured feed ($(tail -n 1 "$log")); building it from the action's checkout"
    feed="$RUNNER_TEMP/mlops-gates-feed"
    dotnet pack "$action/src/MlOps.Gates.Cli" -c Release -p:Version="$version" -o "$feed" --nologo -v quiet
    dotnet "${args[@]}" --add-source "$feed"
    echo "mlops-gates $version built from the action's checkout"
  fi
fi
echo "$tool_dir" >> "${GITHUB_PATH:?}"
