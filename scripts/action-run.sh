#!/usr/bin/env bash
# The run step of the GitHub Action (action.yml): runs `idlint scan` or `idlint diff`
# with the inputs, writes SARIF for upload, and records the exit code as the step's
# output, so that the SARIF is uploaded before the job fails.
# Reads INPUT_COMMAND, INPUT_PATHS, INPUT_BASE, INPUT_ARGS, INPUT_SARIF_FILE, and
# GITHUB_OUTPUT and GITHUB_STEP_SUMMARY as GitHub sets them.
set -uo pipefail
command=${INPUT_COMMAND:-scan}
sarif=${INPUT_SARIF_FILE:-idlint.sarif}
# The file name goes into GITHUB_OUTPUT as a line of its own: a line break would forge outputs.
case "$sarif" in *$'\n'* | *$'\r'*) echo "::error::sarif-file must be one line"; exit 2 ;; esac
read -r -a extra <<<"${INPUT_ARGS:-}"
read -r -a paths <<<"${INPUT_PATHS:-}"
case "$command" in
  scan) arguments=(scan "${paths[@]}") ;;
  diff)
    [ -n "${INPUT_BASE:-}" ] || { echo "::error::the diff command needs a base (for a pull request: origin/\${{ github.base_ref }})"; exit 2; }
    arguments=(diff --base "$INPUT_BASE" "${paths[@]}") ;;
  *) echo "::error::command must be scan or diff, not '$command'"; exit 2 ;;
esac
summary=$(mktemp)
idlint "${arguments[@]}" "${extra[@]}" --report "sarif:$sarif" --report "markdown:$summary"
status=$?
echo "exit-code=$status" >>"${GITHUB_OUTPUT:-/dev/null}"
echo "sarif-file=$sarif" >>"${GITHUB_OUTPUT:-/dev/null}"
[ -n "${GITHUB_STEP_SUMMARY:-}" ] && cat "$summary" >>"$GITHUB_STEP_SUMMARY"
rm -f "$summary"
# A report that was not written is a usage or input problem: fail now, there is nothing to upload.
[ -s "$sarif" ] || exit "$status"
exit 0
