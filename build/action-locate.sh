#!/usr/bin/env bash
# The action's first step: which MlOps.Gates.Tool version to use, the folder it is installed in, the cache key for
# that folder, and whether the runner needs the .NET SDK set up. Writes them to $GITHUB_OUTPUT.
set -euo pipefail
action=${GITHUB_ACTION_PATH:?GITHUB_ACTION_PATH is not set: this script is a step of the MlOps.Gates action}
version=${MLOPS_GATES_VERSION:-}
if [ -z "$version" ]; then
  # The action's own version: the ref the user pinned builds and installs what that ref says it is.
  version=$(sed -n 's:.*<VersionPrefix>\(.*\)</VersionPrefix>.*:\1:p' "$action/Directory.Build.props" | head -n 1)
fi
if ! [[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?$ ]]; then
  printf 'mlops-gates: the version input %q is not a NuGet version such as 0.1.0\n' "$version" >&2
  exit 2
fi

# The cache holds what this ref builds: keyed by the runner, the version and the sources the tool is built from.
sources=$(cd "$action" && find src Directory.Build.props Directory.Packages.props -type f ! -path '*/bin/*' ! -path '*/obj/*' -print0 \
  | LC_ALL=C sort -z | xargs -0 sha256sum | sha256sum | cut -c1-16)
needs_dotnet=true
if command -v dotnet > /dev/null 2>&1 && dotnet --list-sdks 2>/dev/null | awk -F. '$1 >= 10 { found = 1 } END { exit !found }'; then
  needs_dotnet=false
fi

{
  echo "version=$version"
  echo "tool-dir=${RUNNER_TEMP:?}/mlops-gates-tool"
  echo "cache-key=mlops-gates-tool-${RUNNER_OS:-$(uname -s)}-$(uname -m)-$version-$sources"
  echo "needs-dotnet=$needs_dotnet"
} >> "${GITHUB_OUTPUT:?}"
