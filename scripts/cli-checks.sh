#!/usr/bin/env bash
# End-to-end checks of the idlint command line: exit codes, formats, stdin, errors.
# Usage: scripts/cli-checks.sh PATH_TO_IDLINT
set -u
[ $# -eq 1 ] || { echo "usage: cli-checks.sh PATH_TO_IDLINT" >&2; exit 2; }
idlint=$(realpath "$1")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0
failed=0

check() { # description, expected exit code, command...
  local description=$1 expected=$2
  shift 2
  "$@" >"$work/out" 2>"$work/err"
  local status=$?
  if [ "$status" -eq "$expected" ]; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "FAIL: $description: exit $status, expected $expected"
    sed 's/^/  | /' "$work/out" "$work/err" | head -20
  fi
}

contains() { # description, text, file
  if grep -qF -- "$2" "$3"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL: $1: '$2' not in output"; fi
}

cat >"$work/clean.yaml" <<'YAML'
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: viewer, namespace: app}
rules:
  - apiGroups: [""]
    resources: [configmaps]
    verbs: [get]
YAML
cat >"$work/risky.yaml" <<'YAML'
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: reader}
rules:
  - apiGroups: [""]
    resources: [secrets]
    verbs: [list]
YAML
printf 'kind: Role\nrules: [\n' >"$work/broken.yaml"

check "clean input exits 0" 0 "$idlint" scan "$work/clean.yaml"
check "a high finding exits 1" 1 "$idlint" scan "$work/risky.yaml"
check "below --fail-on exits 0" 0 "$idlint" scan --fail-on critical "$work/risky.yaml"
check "an unparsable file exits 1 even with --fail-on critical" 1 "$idlint" scan --fail-on critical "$work/broken.yaml" "$work/clean.yaml"
contains "the parse error names line and column" "broken.yaml" "$work/out"
check "standard input is scanned" 1 sh -c "'$idlint' scan - < '$work/risky.yaml'"
check "an unknown option exits 2" 2 "$idlint" scan --no-such-option
check "an unknown format exits 2" 2 "$idlint" scan --format pdf "$work/clean.yaml"
printf 'fail-on: extreme\n' >"$work/bad-config.yaml"
check "a bad configuration exits 2" 2 "$idlint" scan --config "$work/bad-config.yaml" "$work/clean.yaml"
contains "the configuration error names the file" "bad-config.yaml" "$work/err"
check "sarif to a file" 1 "$idlint" scan --format sarif --output "$work/out.sarif" "$work/risky.yaml"
contains "sarif file written" '"version": "2.1.0"' "$work/out.sarif"
# Every bundled fixture, all rule families at once, must still make schema-valid SARIF.
root=$(cd "$(dirname "$0")/.." && pwd)
check "sarif of all fixtures" 1 "$idlint" scan --format sarif --output "$work/fixtures.sarif" "$root/fixtures"
check "sarif of all fixtures is schema-valid" 0 python3 "$root/scripts/validate-json-schema.py" \
  "$root/Tests/IdlintReportingTests/Schemas/sarif-schema-2.1.0.json" "$work/fixtures.sarif"
# A pull-request comment of every fixture stays under GitHub's 65,536 characters and says what it left out.
# A fingerprint that moves between two runs of the same input breaks every baseline and
# makes the gate see an old finding as new (a date computed from the scan's clock did).
sleep 1
check "sarif of all fixtures, again a second later" 1 "$idlint" scan --format sarif --output "$work/fixtures-again.sarif" "$root/fixtures"
check "fingerprints are the same in both runs" 0 python3 -c '
import json, sys
def prints(path):
    results = json.load(open(path))["runs"][0]["results"]
    return sorted((r["ruleId"], json.dumps(r.get("partialFingerprints"), sort_keys=True)) for r in results)
first, second = prints(sys.argv[1]), prints(sys.argv[2])
moved = sorted(set(first) ^ set(second))
print("\n".join(map(str, moved[:10])))
sys.exit(1 if moved or len(first) != len(second) else 0)' "$work/fixtures.sarif" "$work/fixtures-again.sarif"
check "Markdown of all fixtures" 1 "$idlint" scan --format markdown --output "$work/fixtures.md" "$root/fixtures"
check "it fits a comment" 0 python3 -c "import sys; sys.exit(len(open(sys.argv[1], encoding='utf-8').read()) > 65536)" "$work/fixtures.md"
contains "and says where the rest is" "Cut here" "$work/fixtures.md"
# Rule pages: SARIF links each built-in rule under --rule-docs-url (or rule-docs-url:),
# and `rules docs` writes the pages that address serves.
check "SARIF links rule pages under a team's address" 1 "$idlint" scan --format sarif --rule-docs-url https://docs.example.com/idlint/rules "$work/risky.yaml"
contains "the rule's page is under that address" '"helpUri": "https://docs.example.com/idlint/rules/K8S-SECRETS-READ.md"' "$work/out"
check "a rule-docs-url that is not a web address exits 2" 2 "$idlint" scan --format sarif --rule-docs-url docs/rules "$work/risky.yaml"
check "rules docs writes a page per built-in rule" 0 "$idlint" rules docs --fixtures "$root/fixtures" "$work/rule-pages"
check "the pages are the committed docs/rules" 0 diff -r "$root/docs/rules" "$work/rule-pages"
# One clock for the whole scan, settable: the same certificate is expiring on one day and
# expired on a later one.
expiring="$root/fixtures/saml/SAML-CERTIFICATE-EXPIRING/positive/crm-sp.xml"
check "JUnit XML of all fixtures" 1 "$idlint" scan --format junit --output "$work/fixtures.junit.xml" "$root/fixtures" "$work/broken.yaml"
check "JUnit XML is schema-valid" 0 xmllint --noout --schema "$root/Tests/IdlintReportingTests/Schemas/junit.xsd" "$work/fixtures.junit.xml"
contains "JUnit names an unreadable input as an error" 'classname="idlint-input"' "$work/fixtures.junit.xml"
check "GitLab code quality of all fixtures" 1 "$idlint" scan --format gitlab --output "$work/fixtures.gitlab.json" "$root/fixtures" "$work/broken.yaml"
check "GitLab code quality is schema-valid" 0 python3 "$root/scripts/validate-json-schema.py" \
  "$root/Tests/IdlintReportingTests/Schemas/gitlab-code-quality.schema.json" "$work/fixtures.gitlab.json"
contains "GitLab lists an unreadable input" '"check_name": "IDLINT-INPUT-ERROR"' "$work/fixtures.gitlab.json"
check "--now judges certificates as of that day" 1 "$idlint" scan --now 2026-06-01 "$expiring"
contains "expiring as of 2026-06-01" "SAML-CERTIFICATE-EXPIRING" "$work/out"
check "--now later" 1 "$idlint" scan --now 2030-01-01T00:00:00Z "$expiring"
contains "expired as of 2030" "SAML-CERTIFICATE-EXPIRED" "$work/out"
check "a --now that is not a date exits 2" 2 "$idlint" scan --now yesterday "$expiring"
# A private key in SAML toolkit settings never appears whole in any output.
settings="$root/fixtures/saml/SAML-SP-PRIVATE-KEY-INLINE/positive/settings.json"
key_line=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['sp']['privateKey'].split('\\n')[1])" "$settings")
for format in text json sarif markdown; do
  "$idlint" scan --format "$format" "$settings" >"$work/key.$format" 2>&1
  if grep -qF -- "$key_line" "$work/key.$format"; then failed=$((failed + 1)); echo "FAIL: the SP private key shows in $format output"; else passed=$((passed + 1)); fi
done
# Audit-prep framework reports: every format, a failing control exits 1, a clean input 0.
for format in markdown html json csv; do
  check "report --format $format" 1 "$idlint" report --framework all --format "$format" --output "$work/report.$format" "$root/fixtures/kubernetes"
done
contains "the markdown report names a control" "OWASP-NHI-2025" "$work/report.markdown"
contains "the csv report has its header" "catalog,control,title,status" "$work/report.csv"
check "report on clean input" 0 "$idlint" report --framework OWASP-NHI "$work/clean.yaml"
check "report of an unknown framework exits 2" 2 "$idlint" report --framework NOPE "$work/clean.yaml"
check "rules list --framework" 0 "$idlint" rules list --framework OWASP-ASI
contains "rules list --framework shows the controls" "OWASP-ASI-2026:ASI03" "$work/out"
# The fuzz seeds and every crash input kept from fuzzing replay cleanly (scripts/fuzz.sh).
fuzz="$(dirname "$idlint")/idlint-fuzz"
if [ -x "$fuzz" ]; then
  for target in $(bash "$root"/scripts/fuzz.sh --list); do
    check "fuzz corpus replays: $target" 0 env IDLINT_FUZZ_TARGET="$target" "$fuzz" "$root"/Tests/FuzzCorpus/"$target"/*
  done
fi
check "rules list" 0 "$idlint" rules list
contains "rules list names a rule" "K8S-SECRETS-READ" "$work/out"
check "rules show" 0 "$idlint" rules show K8S-SECRETS-READ
contains "rules show gives controls" "OWASP-NHI-2025:NHI5" "$work/out"
check "rules show of an unknown rule exits 2" 2 "$idlint" rules show NOPE
check "--version" 0 "$idlint" --version
check "a path that does not exist is a usage error" 2 "$idlint" scan "$work/no-such-file.yaml"
check "--skip-rule by id glob leaves the finding out" 0 "$idlint" scan --skip-rule 'K8S-SECRETS-*' "$work/risky.yaml"
check "--rule by family keeps the family's rules" 1 "$idlint" scan --rule kubernetes "$work/risky.yaml"
check "--rule that matches no rule is a usage error" 2 "$idlint" scan --rule NO-SUCH-RULE "$work/risky.yaml"
check "--severity shows only those severities" 0 "$idlint" scan --severity low,info "$work/risky.yaml"
check "--soft-fail exits 0 on findings" 0 "$idlint" scan --soft-fail "$work/risky.yaml"
check "--soft-fail still exits 1 on unreadable input" 1 "$idlint" scan --soft-fail "$work/broken.yaml"

# A file that is not identity configuration and does not parse is a note; one that looks
# like identity configuration (by content, name or place) still fails the scan.
quiet="$work/quiet"
mkdir -p "$quiet/META-INF"
printf '{\n  // comments\n  "compilerOptions": {"strict": true}\n}\n' >"$quiet/tsconfig.json"
: >"$quiet/META-INF/beans.xml"
cp "$work/clean.yaml" "$quiet/role.yaml"
check "unrelated files that do not parse do not fail the scan" 0 "$idlint" scan --compact "$quiet"
contains "and are named in a note with line and column" "tsconfig.json:2:3: note not read as identity configuration" "$work/out"
contains "an empty beans.xml is a note" "META-INF/beans.xml:1:1: note" "$work/out"
printf '{"Version": "2012-10-17", "Statement": [\n' >"$quiet/policy.json"
check "a policy that does not parse still fails the scan" 1 "$idlint" scan --compact "$quiet"
contains "and says why it counts" 'it looks like identity configuration: it mentions "Statement"' "$work/out"
rm "$quiet/policy.json"
mkdir -p "$quiet/saml"
printf '<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="r1"/>\n' >"$quiet/saml/idp-metadata.xml"
check "a SAML-named file that is not SAML metadata does not fail the scan" 0 "$idlint" scan --compact "$quiet"
contains "but is noted with its root element" "saml/idp-metadata.xml:1:1: note looks like identity configuration" "$work/out"
check "--timings with JSON to standard output" 1 "$idlint" scan --timings --format json "$work/risky.yaml"
contains "--timings names the report stage on standard error" ", report " "$work/err"
contains "--timings splits start-up into the command line and the rules" "timings: command line " "$work/err"
contains "--timings names the wait for the rules" ", rules " "$work/err"
contains "--timings ends with the run's own peak memory" ", peak memory " "$work/err"
cp "$work/out" "$work/timed.json"
check "--timings leaves the report itself untouched" 0 python3 -c "import json,sys; json.load(open(sys.argv[1]))" "$work/timed.json"
check "a report that cannot be written is a usage error naming it" 2 "$idlint" scan --format sarif --output /dev/full "$root/fixtures/kubernetes"
contains "the write error names the file" "cannot write /dev/full" "$work/err"
check "several reports from one run" 1 "$idlint" scan --report sarif:"$work/multi.sarif" --report junit:"$work/multi.junit.xml" "$work/risky.yaml"
contains "the console summary stays when files are written" "K8S-SECRETS-READ" "$work/out"
check "the extra SARIF report is a whole SARIF log" 0 python3 -c "import json,sys; log=json.load(open(sys.argv[1])); assert log['runs'][0]['results'][0]['ruleId'].startswith('K8S-')" "$work/multi.sarif"
check "the extra JUnit report is schema-valid" 0 xmllint --noout --schema "$root/Tests/IdlintReportingTests/Schemas/junit.xsd" "$work/multi.junit.xml"
check "--compact text is one line per finding" 1 "$idlint" scan --compact "$work/risky.yaml"
contains "in the file:line:column form" "risky.yaml:7:13: high K8S-SECRETS-READ" "$work/out"
check "--compact JSON has no whitespace between tokens" 1 "$idlint" scan --compact --format json "$work/risky.yaml"
if [ "$(wc -l <"$work/out")" -eq 1 ] && grep -q '^{"schema":"idlint-report/1","tool":{' "$work/out"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL: --compact JSON is not one compact line"; fi
check "--report with an unknown format is a usage error" 2 "$idlint" scan --report pdf:"$work/x.pdf" "$work/risky.yaml"
check "--report without a file is a usage error" 2 "$idlint" scan --report sarif: "$work/risky.yaml"
check "two reports to one file are a usage error" 2 "$idlint" scan --output "$work/same.out" --report json:"$work/same.out" "$work/risky.yaml"
check "--report never overwrites an input" 2 "$idlint" scan --report json:"$work/clean.yaml" "$work/clean.yaml"
mkdir -p "$work/linked-in" && cp "$work/clean.yaml" "$work/linked-in/role.yaml" && ln -f "$work/linked-in/role.yaml" "$work/hard-link.yaml"
check "--output that is an input by another hard link is refused" 2 "$idlint" scan --output "$work/hard-link.yaml" "$work/linked-in"
ln -sfn "$work/linked-in" "$work/via-link"
check "--output under a folder named through a symbolic link is refused" 2 "$idlint" scan --output "$work/linked-in/role.yaml" "$work/via-link"
cmp -s "$work/clean.yaml" "$work/linked-in/role.yaml" && passed=$((passed + 1)) || { failed=$((failed + 1)); echo "FAIL: a refused --output changed the input"; }
check "--quiet prints nothing for a clean run" 0 "$idlint" scan --quiet "$work/clean.yaml"
if [ -s "$work/out" ]; then failed=$((failed + 1)); echo "FAIL: --quiet printed output"; else passed=$((passed + 1)); fi
check "--color always colours text" 1 "$idlint" scan --color always "$work/risky.yaml"
if grep -q $'\033\[' "$work/out"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL: --color always printed no colour"; fi
check "a misspelt command is a usage error, not a scan" 2 "$idlint" scna
contains "with a suggestion" "did you mean 'idlint scan'" "$work/err"
check "so is a short one" 2 "$idlint" dif --base HEAD
mkdir -p "$work/rules"
cat >"$work/rules/org.yaml" <<'YAML'
rules:
  - id: ORG-CONFIGMAP-READ
    title: ConfigMap reads need review
    severity: low
    rationale: Our policy.
    remediation: Ask the platform team.
    controls: [OWASP-NHI-2025:NHI5]
    message: "{kind} {name} reads configmaps"
    match:
      kinds: [k8s.Role]
      each: rules[*].resources[*]
      where: {equals: configmaps}
YAML
check "--rules adds user rules" 1 "$idlint" scan --rules "$work/rules" "$work/clean.yaml"
contains "user rule reported" "ORG-CONFIGMAP-READ" "$work/out"
printf 'rules:\n  - id: X\n    title: [\n' >"$work/rules/bad.yaml"
check "a malformed rule file exits 2" 2 "$idlint" scan --rules "$work/rules" "$work/clean.yaml"
contains "the rule file error has a position" "bad.yaml:4" "$work/err"

# Rule tests: a user's rule folder with its fixtures, and the built-in rules.
repo=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$work/team-rules/fixtures/ORG-CONFIGMAP-WRITE/positive" "$work/team-rules/fixtures/ORG-CONFIGMAP-WRITE/negative"
cat >"$work/team-rules/org.yaml" <<'YAML'
rules:
  - id: ORG-CONFIGMAP-WRITE
    title: ConfigMap writes need review
    severity: low
    rationale: Our policy.
    remediation: Ask the platform team.
    controls: [OWASP-NHI-2025:NHI5]
    message: "{kind} {name} writes configmaps"
    match:
      kinds: [k8s.Role, k8s.ClusterRole]
      each: rules[*]
      where:
        all:
          - {path: "resources[*]", equals: configmaps}
          - {path: "verbs[*]", in: [create, update, patch]}
      at: resources
YAML
cat >"$work/team-rules/fixtures/ORG-CONFIGMAP-WRITE/positive/role.yaml" <<'YAML'
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: settings-writer, namespace: apps}
rules:
  - apiGroups: [""]
    # expect: ORG-CONFIGMAP-WRITE@5
    resources: [configmaps]
    verbs: [get, update]
YAML
cat >"$work/team-rules/fixtures/ORG-CONFIGMAP-WRITE/negative/role.yaml" <<'YAML'
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: settings-reader, namespace: apps}
rules:
  - apiGroups: [""]
    resources: [configmaps]
    verbs: [get, list]
YAML
check "one rule over two platforms passes its fixtures for each" 0 "$idlint" rules test "$root/docs/examples/rules"
contains "both platforms' findings" "ok    ORG-SECRET-READERS  2 expected findings" "$work/out"
check "rules test passes a rule folder whose fixtures hold" 0 "$idlint" rules test "$work/team-rules"
contains "and says what it checked" "ok    ORG-CONFIGMAP-WRITE  1 expected finding, each silenced by a suppression" "$work/out"
check "a rule folder's fixtures are not read as rules by a scan" 0 "$idlint" scan --rules "$work/team-rules" "$work/clean.yaml"
sed -i 's/ORG-CONFIGMAP-WRITE@5/ORG-CONFIGMAP-WRITE@7/' "$work/team-rules/fixtures/ORG-CONFIGMAP-WRITE/positive/role.yaml"
check "rules test fails on a finding in the wrong place" 1 "$idlint" rules test "$work/team-rules"
contains "naming what was expected" "expected, not reported: role.yaml:7:7 ORG-CONFIGMAP-WRITE" "$work/out"
contains "and what was found" "reported, not expected: role.yaml:7:5 ORG-CONFIGMAP-WRITE" "$work/out"
sed -i 's/ORG-CONFIGMAP-WRITE@7/ORG-CONFIGMAP-WRTE@5/' "$work/team-rules/fixtures/ORG-CONFIGMAP-WRITE/positive/role.yaml"
check "a marker naming no rule fails" 1 "$idlint" rules test "$work/team-rules"
contains "with the marker's place" "role.yaml:6: the marker names ORG-CONFIGMAP-WRTE, which is not a rule" "$work/out"
sed -i 's/ORG-CONFIGMAP-WRTE@5/ORG-CONFIGMAP-WRITE@5/' "$work/team-rules/fixtures/ORG-CONFIGMAP-WRITE/positive/role.yaml"
mv "$work/team-rules/fixtures/ORG-CONFIGMAP-WRITE/negative/role.yaml" "$work/negative-role.yaml"
check "an empty negative folder fails" 1 "$idlint" rules test "$work/team-rules"
mv "$work/negative-role.yaml" "$work/team-rules/fixtures/ORG-CONFIGMAP-WRITE/negative/role.yaml"
sed -i 's/kinds: \[k8s.Role, k8s.ClusterRole\]/kinds: [k8s.Role, k8s.ClusterRol]/' "$work/team-rules/org.yaml"
check "a misspelt kind is a usage error" 2 "$idlint" rules test "$work/team-rules"
contains "at its line and column, with the kind meant" "org.yaml:10:25: unknown kind 'k8s.ClusterRol'; did you mean k8s.ClusterRole?" "$work/err"
mkdir -p "$work/untested-rules" && sed 's/ORG-CONFIGMAP-READ/ORG-UNTESTED/' "$work/rules/org.yaml" >"$work/untested-rules/org.yaml"
check "a rule folder without fixtures fails" 1 "$idlint" rules test "$work/untested-rules"
contains "saying so" "ORG-UNTESTED has no fixture folder" "$work/out"
check "rules test of a folder that does not exist is a usage error" 2 "$idlint" rules test "$work/nowhere"
check "the built-in rules pass their fixtures through the same command, on the day fixtures/.now names" 0 "$idlint" rules test --fixtures "$repo/fixtures"
# Every rule, however many there are: "N of N rules passed".
if grep -qE '^([0-9]+) of \1 rules passed' "$work/out"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL: all of them: not every rule passed"; fi
check "--now overrides the fixtures' day: dated certificates then fail" 1 "$idlint" rules test --now 2031-01-01 --fixtures "$repo/fixtures"

# Accepted risks: a baseline, then a suppression file.
check "baseline records findings" 0 "$idlint" baseline --output "$work/baseline.json" "$work/risky.yaml"
contains "baseline file written" '"schema": "idlint-baseline/1"' "$work/baseline.json"
check "a baselined finding no longer fails" 0 "$idlint" scan --baseline "$work/baseline.json" "$work/risky.yaml"
cat >"$work/suppressions.yaml" <<'YAML'
suppressions:
  - rule: K8S-SECRETS-READ
    path: "**/risky.yaml"
    reason: reviewed by the platform team
    owner: platform@example.com
    expires: 2000-01-01
YAML
check "an expired suppression does not hide a finding" 1 "$idlint" scan --suppressions "$work/suppressions.yaml" "$work/risky.yaml"
contains "the expiry is reported" "expired on 2000-01-01" "$work/out"
sed -i 's/2000-01-01/2099-01-01/' "$work/suppressions.yaml"
check "a current suppression hides it" 0 "$idlint" scan --suppressions "$work/suppressions.yaml" "$work/risky.yaml"

# The change gate on a real git repository.
repo="$work/repo"
mkdir -p "$repo"
git -C "$repo" init -q
cp "$work/clean.yaml" "$repo/role.yaml"
git -C "$repo" add -A
git -C "$repo" -c user.name=ci -c user.email=ci@example.com commit -q -m base
check "diff of an unchanged tree passes" 0 sh -c "cd '$repo' && '$idlint' diff --base HEAD"
printf '# a comment only\n' >>"$repo/role.yaml"
check "diff of a cosmetic change passes" 0 sh -c "cd '$repo' && '$idlint' diff --base HEAD"
sed -i 's/resources: \[configmaps\]/resources: [configmaps, pods]/' "$repo/role.yaml"
check "diff that widens a role needs review" 3 sh -c "cd '$repo' && '$idlint' diff --base HEAD"
sed -i 's/resources: \[configmaps, pods\]/resources: [secrets]/' "$repo/role.yaml"
check "diff that adds a high finding blocks" 1 sh -c "cd '$repo' && '$idlint' diff --base HEAD --format json"
contains "diff json names the verdict" '"verdict": "block"' "$work/out"
check "diff in JUnit lists what the change adds" 1 sh -c "cd '$repo' && '$idlint' diff --base HEAD --format junit"
contains "as a failing case" '<failure type="medium"' "$work/out"
check "diff without a base is a usage error" 2 "$idlint" diff
check "diff of an unknown revision is an error" 2 sh -c "cd '$repo' && '$idlint' diff --base no-such-ref"
# An agent's proposal as a unified diff, applied to a scratch copy of the base.
git -C "$repo" diff >"$work/change.patch"
git -C "$repo" checkout -q -- .
check "diff --patch judges the patched base" 1 sh -c "cd '$repo' && '$idlint' diff --base HEAD --patch '$work/change.patch'"
if [ -n "$(git -C "$repo" status --porcelain)" ]; then failed=$((failed + 1)); echo "FAIL: --patch changed the user's tree"; else passed=$((passed + 1)); fi

# A commit with an agent's trailer makes the change an agent's; widening an agent's access blocks.
cat >"$repo/binding.yaml" <<'YAML'
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: viewer, namespace: app}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: viewer}
subjects: [{kind: ServiceAccount, name: review-agent}]
YAML
git -C "$repo" add -A
git -C "$repo" -c user.name=ci -c user.email=ci@example.com commit -q -m "bind the review agent" -m "Co-authored-by: Copilot <copilot@example.com>"
check "an agent-authored commit that widens an agent blocks" 1 sh -c "cd '$repo' && '$idlint' diff --base HEAD~1 --head HEAD"
contains "the agent evidence is named" "looks agent-authored" "$work/out"
check "declared human, the same change needs review" 3 sh -c "cd '$repo' && '$idlint' diff --base HEAD~1 --head HEAD --actor human"

mkdir -p "$work/base-dir" "$work/head-dir"
cp "$work/clean.yaml" "$work/base-dir/role.yaml"
cp "$work/risky.yaml" "$work/head-dir/role.yaml"
check "diff of two folders" 1 "$idlint" diff --base-dir "$work/base-dir" --head-dir "$work/head-dir" --report json:"$work/gate.json"
check "the diff's extra JSON report holds the verdict" 0 python3 -c "import json,sys; assert json.load(open(sys.argv[1]))['gate']['verdict']=='block'" "$work/gate.json"
hostile_environment="$work/env-head/envs/$(printf 'x\033[2Jy')"
mkdir -p "$work/env-base/envs/prod" "$work/env-head/envs/prod" "$hostile_environment"
cp "$work/clean.yaml" "$work/env-base/envs/prod/role.yaml"
cp "$work/risky.yaml" "$work/env-head/envs/prod/role.yaml"
cp "$work/risky.yaml" "$hostile_environment/role.yaml"
check "a diff's text names each new finding's environment" 1 "$idlint" diff --base-dir "$work/env-base" --head-dir "$work/env-head"
contains "the environment of the prod folder" "K8S-SECRETS-READ [prod]" "$work/out"
if grep -q $'\033\[2J' "$work/out"; then failed=$((failed + 1)); echo "FAIL: an environment named by a folder reached the terminal as an escape sequence"; else passed=$((passed + 1)); fi

# Fail closed: nothing that should have been read and was not is a pass.
cp "$work/clean.yaml" "$work/nul.yaml" && printf '# \0\n' >>"$work/nul.yaml"
check "a NUL byte fails the scan" 1 "$idlint" scan "$work/nul.yaml"
head -c 4096 /dev/urandom >"$work/random.bin"
check "random bytes on standard input fail the scan" 1 sh -c "'$idlint' scan - < '$work/random.bin'"
check "report exits 1 on input it could not read" 1 "$idlint" report --framework OWASP-NHI --output "$work/unread.md" "$work/clean.yaml" "$work/broken.yaml"
contains "the report says it is incomplete" "could not be read" "$work/unread.md"
mkdir -p "$work/locked/inner" && cp "$work/risky.yaml" "$work/locked/inner/role.yaml" && chmod 000 "$work/locked/inner"
if [ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null; then
  # root reads any folder: drop to nobody for this one check, with a copy of the binary
  # that nobody can reach wherever the checkout lies.
  chmod 755 "$work" "$work/locked"
  cp "$idlint" "$work/idlint-as-nobody" && chmod 755 "$work/idlint-as-nobody"
  check "an unreadable folder fails the scan" 1 setpriv --reuid=nobody --regid=nogroup --clear-groups "$work/idlint-as-nobody" scan "$work/locked"
else
  check "an unreadable folder fails the scan" 1 "$idlint" scan "$work/locked"
fi
contains "the unreadable folder is named" "cannot read folder" "$work/out"
chmod 755 "$work/locked/inner"
check "--output that is one of the scanned files is refused" 2 "$idlint" scan --output "$work/clean.yaml" "$work/clean.yaml"
contains "and the input is intact" "kind: Role" "$work/clean.yaml"
printf '# reviewed with idlint\n' >>"$work/clean.yaml"
check "an input that merely mentions idlint is still refused as --output" 2 "$idlint" scan --output "$work/clean.yaml" "$work/clean.yaml"
check "a path after diff that names nothing is a usage error, not an empty pass" 2 sh -c "cd '$repo' && '$idlint' diff --base HEAD no-such-folder"
check "--output may replace an earlier report" 0 sh -c "'$idlint' scan --format json --output '$work/prev.json' '$work/clean.yaml' && '$idlint' scan --format json --output '$work/prev.json' '$work'/prev.json '$work/clean.yaml'"
# A cluster-admin binding padded with one NUL byte: the gate blocks instead of passing.
cat >"$repo/admin.yaml" <<'YAML'
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: agent-admin}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
subjects: [{kind: ServiceAccount, name: agent, namespace: default}]
YAML
printf '# \0\n' >>"$repo/admin.yaml"
check "a head file with a NUL byte blocks the gate" 1 sh -c "cd '$repo' && '$idlint' diff --base HEAD --actor human"
rm "$repo/admin.yaml"
# The gate guards itself: a change that loosens .idlint.yaml is judged with the base's
# configuration, and the edit is a surface of its own (review; block for an agent).
guard="$work/guard"
mkdir -p "$guard" && git -C "$guard" init -q
cp "$work/clean.yaml" "$guard/role.yaml"
printf 'fail-on: low\n' >"$guard/.idlint.yaml"
git -C "$guard" add -A && git -C "$guard" -c user.name=ci -c user.email=ci@example.com commit -q -m base
printf 'fail-on: critical\ndisable: [K8S-SECRETS-READ]\n' >"$guard/.idlint.yaml"
check "a config edit alone needs review" 3 sh -c "cd '$guard' && '$idlint' diff --base HEAD --actor human"
contains "and says so" "idlint's own configuration changed" "$work/out"
check "an agent's config edit blocks" 1 sh -c "cd '$guard' && '$idlint' diff --base HEAD --actor agent"
cp "$work/risky.yaml" "$guard/role.yaml"
check "a risk added beside a loosened config still blocks" 1 sh -c "cd '$guard' && '$idlint' diff --base HEAD --actor human --format json"
contains "the new finding is judged with the base's configuration" "K8S-SECRETS-READ" "$work/out"

# The verdict does not depend on which folder of the change is named: a role widened
# under roles/ is judged with its binding under bindings/.
split="$work/split"
mkdir -p "$split/roles" "$split/bindings" && git -C "$split" init -q
cp "$work/clean.yaml" "$split/roles/role.yaml"
cat >"$split/bindings/binding.yaml" <<'YAML'
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: viewer, namespace: app}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: viewer}
subjects: [{kind: ServiceAccount, name: web, namespace: app}]
YAML
git -C "$split" add -A && git -C "$split" -c user.name=ci -c user.email=ci@example.com commit -q -m base
sed -i 's/resources: \[configmaps\]/resources: [configmaps, pods]/' "$split/roles/role.yaml"
check "diff of the whole tree" 3 sh -c "cd '$split' && '$idlint' diff --base HEAD --actor human --format json"
cp "$work/out" "$work/split-all.json"
check "diff of the role's folder alone gives the same verdict" 3 sh -c "cd '$split' && '$idlint' diff --base HEAD --actor human --format json roles/"
contains "and the same delta, through the binding in the other folder" "ServiceAccount app/web" "$work/out"

# Folder excludes hold on the git side too, and downloaded Terraform modules are not scanned.
tree="$work/tree"
mkdir -p "$tree/charts/app/templates" "$tree/.terraform/modules/iam" && git -C "$tree" init -q
printf 'exclude: ["charts/**/templates/"]\n' >"$tree/.idlint.yaml"
# Broken even as a template: only the exclude keeps it out.
printf 'kind: ClusterRole\nrules: [{{ .Values.rules }}\n' >"$tree/charts/app/templates/rbac.yaml"
printf 'resource "aws_iam_policy" "x" {\n  policy = jsonencode({Version = "2012-10-17", Statement = [{Effect = "Allow", Action = "*", Resource = "*"}]})\n}\n' >"$tree/.terraform/modules/iam/main.tf"
cp "$work/clean.yaml" "$tree/role.yaml"
git -C "$tree" add -A -f && git -C "$tree" -c user.name=ci -c user.email=ci@example.com commit -q -m base
printf '# touched\n' >>"$tree/charts/app/templates/rbac.yaml"
check "a chart template under an excluded folder is not read by the gate's git side" 0 sh -c "cd '$tree' && '$idlint' diff --base HEAD --actor human"
check "nor by a scan, and .terraform is skipped" 0 sh -c "cd '$tree' && '$idlint' scan ."

# Secrets are named by a run's key: under a team key a replaced secret is a new finding.
printf 'apiVersion: v1\nkind: Secret\nmetadata: {name: db}\nstringData:\n  password: first-value-123\n' >"$work/secret.yaml"
check "a team-keyed baseline" 0 env IDLINT_REDACTION_KEY=team-key "$idlint" baseline --output "$work/keyed-baseline.json" "$work/secret.yaml"
check "accepts the recorded secret" 0 env IDLINT_REDACTION_KEY=team-key "$idlint" scan --baseline "$work/keyed-baseline.json" "$work/secret.yaml"
sed -i 's/first-value-123/other-value-999/' "$work/secret.yaml"
check "but not a replaced one" 1 env IDLINT_REDACTION_KEY=team-key "$idlint" scan --baseline "$work/keyed-baseline.json" "$work/secret.yaml"

# The scanner does not load the MCP SDK's networking; `idlint mcp` hands over to idlint-mcp
# from idlint's own folder and says so when it is missing, whatever PATH holds.
check "ldd reads idlint" 0 sh -c "ldd '$idlint' >'$work/ldd'"
check "idlint links no networking library" 1 grep -qiE 'FoundationNetworking|libcurl' "$work/ldd"
# Nor full Foundation and its ICU: FoundationEssentials alone starts about 4 ms sooner.
check "idlint links FoundationEssentials, not Foundation" 1 grep -qE 'libFoundation\.so|libFoundationInternationalization|lib_FoundationICU' "$work/ldd"
check "idlint mcp --help describes the server" 0 "$idlint" mcp --help
contains "with its root option" "--root <DIR>" "$work/out"
printf '%s\n' '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"cli-checks","version":"1"}}}' >"$work/initialize.jsonl"
check "idlint mcp answers a request piped in, though its input ends at once" 0 sh -c "'$idlint' mcp --root '$work' --log /dev/null <'$work/initialize.jsonl'"
contains "with the server's description" '"serverInfo"' "$work/out"
mkdir -p "$work/alone" && cp "$idlint" "$work/alone/idlint"
check "idlint mcp without idlint-mcp beside idlint exits 2" 2 env PATH="$(dirname "$idlint"):$PATH" "$work/alone/idlint" mcp --root "$work"
contains "naming the server it looked for" "$work/alone/idlint-mcp" "$work/err"
# With no server beside it, only idlint's own check can answer a wrong option.
check "idlint mcp checks its options before handing over" 2 "$work/alone/idlint" mcp --no-such-option
contains "itself" "Unknown option '--no-such-option'" "$work/err"
check "an idlint-mcp of another version than the idlint that started it refuses to serve" 2 \
  env IDLINT_HANDED_OVER_BY=0.0.0-other "$(dirname "$idlint")/idlint-mcp" --root "$work"
contains "naming both versions" "is not the version of the idlint 0.0.0-other" "$work/err"

echo "cli checks: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
