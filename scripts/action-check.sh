#!/usr/bin/env bash
# Checks the GitHub Action as far as this machine can run it (no GitHub runner here):
# its install step installs a release archive from a releases folder (a file:// copy of
# what GitHub releases would serve) and refuses a tampered one; its run step scans and
# gates, writing schema-valid SARIF and the exit code as outputs; action.yml declares
# every input it uses and names scripts that exist. Also the GitLab template's job.
# Usage: scripts/action-check.sh ARCHIVE
set -uo pipefail
[ $# -eq 1 ] || { echo "usage: action-check.sh ARCHIVE" >&2; exit 2; }
archive=$(realpath "$1")
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0
failed=0
ok() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $1"; [ -f "$work/log" ] && sed 's/^/  | /' "$work/log" | tail -15; }

version=$(basename "$archive" | sed -E 's/^idlint-(.*)-linux-[^-]+\.tar\.gz$/\1/')
server_archive="$(dirname "$archive")/idlint-mcp-${version}-linux-$(uname -m).tar.gz"
mkdir -p "$work/releases/v$version"
cp "$archive" "$archive.sha256" "$server_archive" "$server_archive.sha256" "$work/releases/v$version/"
export IDLINT_RELEASES_URL="file://$work/releases"

"$root/scripts/install-release.sh" "$version" "$work/bin" >"$work/log" 2>&1 && [ "$("$work/bin/idlint" --version)" = "$version" ] \
  && [ ! -e "$work/bin/idlint-mcp" ] && ok || fail "install-release installs the scanner's archive, and only it"
"$root/scripts/install-release.sh" "$version" "$work/served" --with-mcp >"$work/log" 2>&1 \
  && "$work/served/idlint" mcp --root "$root/fixtures" --log /dev/null </dev/null >>"$work/log" 2>&1 \
  && ok || fail "install-release --with-mcp installs the server beside idlint, and idlint mcp starts it"
cp -r "$work/releases" "$work/tampered"
printf 'x' >>"$work/tampered/v$version/$(basename "$archive")"
IDLINT_RELEASES_URL="file://$work/tampered" "$root/scripts/install-release.sh" "$version" "$work/bad" >"$work/log" 2>&1
[ $? -eq 1 ] && [ ! -e "$work/bad/idlint" ] && ok || fail "a tampered archive is refused"
"$root/scripts/install-release.sh" '1.0;rm -rf /' "$work/bad" >"$work/log" 2>&1
[ $? -eq 2 ] && ok || fail "a version that is not one is refused"

# The run step, with the environment GitHub gives it.
run_step() { # expected exit, then INPUT_*=value assignments
  local expected=$1
  shift
  : >"$work/output"; : >"$work/summary"
  (cd "$here" && env PATH="$work/bin:$PATH" GITHUB_OUTPUT="$work/output" GITHUB_STEP_SUMMARY="$work/summary" \
    INPUT_SARIF_FILE="$work/idlint.sarif" "$@" "$root/scripts/action-run.sh") >"$work/log" 2>&1
  [ $? -eq "$expected" ]
}
here=$root
rm -f "$work/idlint.sarif"
run_step 0 INPUT_COMMAND=scan INPUT_PATHS="fixtures/kubernetes" INPUT_ARGS="--fail-on high" \
  && grep -qx "exit-code=1" "$work/output" && grep -q "idlint" "$work/summary" && ok \
  || fail "the run step scans, records exit code 1 for findings, and writes the step summary"
python3 "$root/scripts/validate-json-schema.py" "$root/Tests/IdlintReportingTests/Schemas/sarif-schema-2.1.0.json" "$work/idlint.sarif" >"$work/log" 2>&1 \
  && ok || fail "the run step's SARIF is schema-valid"
# A pull request's checkout: a base commit, and a change on top that reads every secret.
here="$work/repository"
git init -q "$here" && mkdir "$here/rbac"
printf 'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {name: viewer, namespace: app}\nrules:\n  - {apiGroups: [""], resources: [configmaps], verbs: [get]}\n' >"$here/rbac/viewer.yaml"
git -C "$here" add -A && git -C "$here" -c user.name=ci -c user.email=ci@example.com commit -qm base
rm -f "$work/idlint.sarif"
run_step 0 INPUT_COMMAND=diff INPUT_BASE=HEAD && grep -qx "exit-code=0" "$work/output" && [ -s "$work/idlint.sarif" ] && ok \
  || fail "the run step passes an unchanged tree and writes SARIF"
sed -i 's/configmaps/secrets/; s/\[get\]/[get, list]/' "$here/rbac/viewer.yaml"
rm -f "$work/idlint.sarif"
run_step 0 INPUT_COMMAND=diff INPUT_BASE=HEAD && grep -qx "exit-code=1" "$work/output" && [ -s "$work/idlint.sarif" ] && ok \
  || fail "the run step blocks a change that reads secrets, records exit code 1, and writes SARIF"
run_step 2 INPUT_COMMAND=diff && ok || fail "diff without a base is a usage error"
run_step 2 INPUT_COMMAND=lint && ok || fail "an unknown command is a usage error"

# action.yml: every input used is declared, every script named exists.
python3 - "$root/action.yml" >"$work/log" 2>&1 <<'PY' && ok || fail "action.yml declares what it uses"
import os, re, sys, yaml
path = sys.argv[1]
action = yaml.safe_load(open(path))
text = open(path).read()
declared = set(action["inputs"])
used = set(re.findall(r"inputs\.([a-z-]+)", text))
assert used <= declared, f"undeclared inputs: {used - declared}"
assert action["runs"]["using"] == "composite"
for script in re.findall(r"\$GITHUB_ACTION_PATH/(scripts/[a-z-]+\.sh)", text):
    assert os.access(os.path.join(os.path.dirname(path), script), os.X_OK), f"{script} is not an executable script"
print("action.yml: inputs", sorted(declared))
PY

# The GitLab template's script, run as its job would run it (the image's idlint on PATH).
python3 - "$root/ci/gitlab/idlint.gitlab-ci.yml" "$work/gitlab-job.sh" >"$work/log" 2>&1 <<'PY' && ok || fail "the GitLab template has the job and its reports"
import sys, yaml
template = yaml.safe_load(open(sys.argv[1]))
job = template[".idlint"]
reports = job["artifacts"]["reports"]
assert reports["codequality"] == "gl-code-quality-report.json", reports
open(sys.argv[2], "w").write("set -e\n" + "\n".join(job["script"]) + "\n")
PY
(cd "$work" && cp -r "$root/fixtures/kubernetes/K8S-SECRETS-READ" scanned && cd scanned \
  && env PATH="$work/bin:$PATH" IDLINT_ARGS="" bash "$work/gitlab-job.sh") >"$work/log" 2>&1
[ $? -eq 1 ] && python3 "$root/scripts/validate-json-schema.py" "$root/Tests/IdlintReportingTests/Schemas/gitlab-code-quality.schema.json" \
  "$work/scanned/gl-code-quality-report.json" >>"$work/log" 2>&1 && ok || fail "the GitLab job writes a valid code-quality report and fails on findings"

echo "action checks: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
