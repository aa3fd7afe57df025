#!/usr/bin/env python3
"""Writes idlint's man page, idlint(1), from the command tree the binary itself
describes (`idlint --experimental-dump-help`), so the page cannot drift from the
options: every command and subcommand with its abstract, discussion, arguments and
options, then exit status, files, environment and pointers to the rest.

Usage: scripts/make-man.py PATH_TO_IDLINT OUT.1
"""
import json
import subprocess
import sys


def escape(text):
    """troff text: a backslash is an escape, a line starting with . or ' a request."""
    text = (text or "").replace("\\", "\\e")
    lines = []
    for line in text.split("\n"):
        line = line.rstrip()
        if line.startswith((".", "'")):
            line = "\\&" + line
        lines.append(line)
    return "\n".join(lines)


def flag(argument):
    names = argument.get("names") or []
    spelled = [("-" if name["kind"] == "short" else "--") + name["name"] for name in names]
    text = ", ".join(f"\\fB{escape(name)}\\fR" for name in spelled)
    if argument["kind"] == "positional":
        text = f"\\fI{escape(argument.get('valueName', 'ARG'))}\\fR"
    elif argument["kind"] == "option":
        text += f" \\fI{escape(argument.get('valueName', 'VALUE'))}\\fR"
    if argument.get("isRepeating"):
        text += " ..."
    return text


def command_section(command, path, out):
    name = " ".join(path)
    visible = [argument for argument in command.get("arguments", []) if argument.get("shouldDisplay", True)
               and not any(n["name"] in ("help", "version") for n in argument.get("names") or [])]
    if len(path) > 1:
        out.append(f".SS {escape(name)}")
    out.append(escape(command.get("abstract", "")))
    if command.get("discussion"):
        out.append(".PP")
        out.append(escape(command["discussion"]))
    for argument in visible:
        out.append(".TP")
        out.append(flag(argument))
        detail = argument.get("abstract", "")
        if argument.get("defaultValue") not in (None, ""):
            detail += f" (default: {argument['defaultValue']})"
        out.append(escape(detail))
    for sub in command.get("subcommands", []):
        if sub.get("shouldDisplay", True) and sub["commandName"] != "help":
            command_section(sub, path + [sub["commandName"]], out)


def main():
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    binary, target = sys.argv[1], sys.argv[2]
    tree = json.loads(subprocess.run([binary, "--experimental-dump-help"], check=True, capture_output=True, text=True).stdout)["command"]
    version = subprocess.run([binary, "--version"], check=True, capture_output=True, text=True).stdout.strip()
    commands = [sub for sub in tree.get("subcommands", []) if sub["commandName"] != "help"]
    out = [
        f'.TH IDLINT 1 "" "idlint {escape(version)}" "User Commands"',
        ".SH NAME",
        "idlint \\- " + escape(tree.get("abstract", "static risk scanner for identity configuration")),
        ".SH SYNOPSIS",
        "\\fBidlint\\fR \\fICOMMAND\\fR [\\fIOPTIONS\\fR] [\\fIPATH\\fR ...]",
        ".SH DESCRIPTION",
        escape(tree.get("discussion", "")) or escape(tree.get("abstract", "")),
    ]
    for command in commands:
        out.append(".SH " + escape(command["commandName"].upper()))
        command_section(command, ["idlint", command["commandName"]], out)
    out += [
        ".SH EXIT STATUS",
        ".TP", "\\fB0\\fR", "No finding at or above the failure threshold; for diff, the change passes.",
        ".TP", "\\fB1\\fR", "Findings at or above the threshold, input that should have been read and was not; for diff, the change is blocked.",
        ".TP", "\\fB2\\fR", "A usage, configuration or rule-file error.",
        ".TP", "\\fB3\\fR", "diff only: the change needs a person's review.",
        ".SH FILES",
        ".TP", "\\fI.idlint.yaml\\fR", "The project's configuration, read from the current folder unless --config names another.",
        ".SH ENVIRONMENT",
        ".TP", "\\fBIDLINT_REDACTION_KEY\\fR", "A team key for the HMAC of redacted secrets, so that fingerprints stay stable across runs.",
        ".TP", "\\fBNO_COLOR\\fR", "Set: no colour in terminal text.",
        ".SH SEE ALSO",
        "The README and docs/ of the idlint distribution; docs/rules/ has a page per built-in rule.",
        "",
    ]
    with open(target, "w", encoding="utf-8") as handle:
        handle.write("\n".join(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
