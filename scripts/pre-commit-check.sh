#!/usr/bin/env bash
# The pre-commit hooks of .pre-commit-hooks.yaml, run by the real pre-commit (PyPI)
# with `pre-commit try-repo` against this repository, in a scratch git repository:
# a harmless staged change passes the gate, a staged ClusterRole that reads every
# secret is blocked, and the scan hook fails on it. Uses the idlint binary given.
# Usage: scripts/pre-commit-check.sh PATH_TO_IDLINT
set -u
[ $# -eq 1 ] || { echo "usage: pre-commit-check.sh PATH_TO_IDLINT" >&2; exit 2; }
idlint=$(realpath "$1")
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0
failed=0

# The hooks are language: system and call `idlint`: put the binary under test first on PATH.
mkdir -p "$work/bin"
ln -s "$idlint" "$work/bin/idlint"
export PATH="$work/bin:$PATH"
export PRE_COMMIT_HOME="$work/cache"

expect() { # description, expected exit code, hook, text expected in the output
  local description=$1 expected=$2 hook=$3 text=$4
  (cd "$work/repo" && python3 -m pre_commit try-repo "$hooks" "$hook" --all-files --verbose) >"$work/out" 2>&1
  local status=$?
  if [ "$status" -eq "$expected" ] && grep -qF -- "$text" "$work/out"; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "FAIL: $description: exit $status (expected $expected), '$text' expected"
    sed 's/^/  | /' "$work/out" | tail -25
  fi
}

# The hooks are tried from this repository itself; try-repo takes uncommitted edits too.
hooks="$root"

git init -q "$work/repo"
cd "$work/repo" || exit 2
git config user.name "Dev" && git config user.email dev@example.com
mkdir rbac
cat >rbac/viewer.yaml <<'YAML'
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: viewer, namespace: app}
rules:
  - {apiGroups: [""], resources: [configmaps], verbs: [get]}
YAML
git add -A && git commit -qm base

sed -i 's/name: viewer,/name: viewer, labels: {team: web},/' rbac/viewer.yaml
git add -A
expect "a harmless staged change passes the gate" 0 idlint-gate "Gate: PASS"
expect "the scan hook passes a clean repository" 0 idlint "No findings"

cat >rbac/reader.yaml <<'YAML'
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: reader}
rules:
  - {apiGroups: [""], resources: [secrets], verbs: [get, list]}
YAML
git add -A
expect "a staged ClusterRole reading every secret is blocked" 1 idlint-gate "Gate: BLOCK"
expect "the scan hook fails on it" 1 idlint "K8S-SECRETS-READ"

echo "pre-commit checks: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
