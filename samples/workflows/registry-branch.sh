#!/usr/bin/env bash
# Keeps a local MlOps.Gates registry on a branch of the repository, so every release run and job finds the registry
# the previous one left (artifacts expire and caches are evicted; a branch keeps the versions, the aliases and the
# audit log as long as the repository).
#   registry-branch.sh fetch DIR           checks the branch out into DIR (an empty registry when there is no branch yet)
#   registry-branch.sh store DIR MESSAGE   commits DIR's changes and pushes them to the branch
# One writer at a time: the jobs that write share a concurrency group, and a push that finds the branch moved
# is refused by git, so a registry is never overwritten by an older copy. The branch is MLOPS_REGISTRY_BRANCH
# (default mlops-registry); the job needs `contents: write`.
set -euo pipefail
command=${1:?usage: registry-branch.sh fetch DIR | store DIR MESSAGE}
dir=${2:?the registry folder}
branch=${MLOPS_REGISTRY_BRANCH:-mlops-registry}
case "$command" in
  fetch)
    if git ls-remote --exit-code --heads origin "$branch" > /dev/null; then
      git fetch --quiet --depth 1 origin "refs/heads/$branch"
      git worktree add --quiet --detach "$dir" FETCH_HEAD
      echo "registry: $dir holds $branch at $(git -C "$dir" rev-parse --short HEAD)"
    else
      git worktree add --quiet --detach "$dir"
      git -C "$dir" checkout --quiet --orphan "$branch"
      git -C "$dir" rm -r --quiet --force .
      echo "registry: no branch $branch yet; $dir starts empty"
    fi
    ;;
  store)
    message=${3:?a commit message}
    # Lock files and a killed writer's temporary copies are not part of the registry.
    git -C "$dir" add --all -- . ':(exclude)**/.lock' ':(exclude)**/*.tmp'
    if git -C "$dir" diff --cached --quiet; then
      echo "registry: unchanged"
      exit 0
    fi
    git -C "$dir" -c user.name="${GITHUB_ACTOR:-mlops-gates}" -c user.email="${GITHUB_ACTOR:-mlops-gates}@users.noreply.github.com" \
      commit --quiet -m "$message"
    git -C "$dir" push --quiet origin "HEAD:refs/heads/$branch"
    echo "registry: stored as $branch $(git -C "$dir" rev-parse --short HEAD)"
    ;;
  *)
    echo "registry-branch.sh: unknown command '$command' (fetch or store)" >&2
    exit 2
    ;;
esac
