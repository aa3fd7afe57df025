#!/usr/bin/env python3
"""Drives `idlint mcp` with an external MCP client: the `mcp` package from PyPI.

    python3 scripts/mcp-python-client.py .build/debug/idlint

Starts the server over stdio on a scratch root (a role, a kubeconfig holding a token,
and a symbolic link that leads out of the root), then checks the initialize handshake,
the tool listing, every tool, malformed arguments, path escapes, oversized inputs and
a request over the message cap.
Exits 0 when every check passes.
"""
import asyncio
import json
import os
import subprocess
import sys
import tempfile

import anyio
import jsonschema
from mcp import ClientSession, StdioServerParameters
from mcp.client.stdio import stdio_client

TOKEN = "eyJhbGciOiJSUzI1NiJ9.cHl0aG9uLWNsaWVudC1wbGFudGVk.c2lnbmF0dXJlLW5vdC10by1sZWFr"
WILDCARD_ROLE = """apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: deployer
rules:
  - apiGroups: ["*"]
    resources: ["*"]
    verbs: ["*"]
"""
NARROW_ROLE = WILDCARD_ROLE.replace('["*"]\n    resources: ["*"]\n    verbs: ["*"]', '[""]\n    resources: [configmaps]\n    verbs: [get]')
KUBECONFIG = f"""apiVersion: v1
kind: Config
clusters: [{{name: prod, cluster: {{server: "https://k8s.example.org"}}}}]
users: [{{name: ci, user: {{token: "{TOKEN}"}}}}]
contexts: [{{name: prod, context: {{cluster: prod, user: ci}}}}]
current-context: prod
"""

passed = 0
failed = 0


def check(description, condition, detail=""):
    global passed, failed
    if condition:
        passed += 1
    else:
        failed += 1
        print(f"FAIL: {description} {detail}")


def field(value, snake, camel):
    """The mcp package spells fields in snake_case since 2.0, camelCase before."""
    return getattr(value, snake, None) if hasattr(value, snake) else getattr(value, camel, None)


def structured(result):
    return field(result, "structured_content", "structuredContent") or {}


def is_error(result):
    return bool(field(result, "is_error", "isError"))


def text_of(result):
    return "\n".join(getattr(part, "text", "") for part in result.content)


async def main(idlint):
    with tempfile.TemporaryDirectory() as scratch:
        root = os.path.join(scratch, "root")
        outside = os.path.join(scratch, "outside")
        os.makedirs(os.path.join(root, "rbac"))
        os.makedirs(outside)
        with open(os.path.join(root, "rbac", "deployer.yaml"), "w") as handle:
            handle.write(NARROW_ROLE)
        with open(os.path.join(root, "kubeconfig.yaml"), "w") as handle:
            handle.write(KUBECONFIG)
        with open(os.path.join(outside, "other.yaml"), "w") as handle:
            handle.write(WILDCARD_ROLE)
        os.symlink(outside, os.path.join(root, "escape"))
        log = os.path.join(scratch, "calls.log")

        server = StdioServerParameters(command=idlint, args=["mcp", "--root", root, "--log", log])
        async with stdio_client(server) as (read, write):
            async with ClientSession(read, write) as session:
                initialized = await session.initialize()
                check("handshake names the server", field(initialized, "server_info", "serverInfo").name == "idlint")
                tools = (await session.list_tools()).tools
                check("four tools", sorted(tool.name for tool in tools) == ["check_change", "explain_rule", "map_controls", "scan"])
                schemas = {tool.name: field(tool, "output_schema", "outputSchema") for tool in tools}
                check("every tool declares an output schema", all(isinstance(schema, dict) and schema.get("type") == "object" for schema in schemas.values()), str(schemas.keys()))

                def conforms(name, result):
                    # The SDK checks structured content against the declared schema on every
                    # call; checked here as well, so that the test does not rest on one SDK version.
                    try:
                        jsonschema.validate(structured(result), schemas[name])
                        return True, ""
                    except jsonschema.ValidationError as error:
                        return False, error.message

                scan = await session.call_tool("scan", {})
                report = structured(scan)
                rules = [finding["ruleId"] for finding in report.get("findings", [])]
                check("scan of the root finds the kubeconfig token", any(rule.startswith("KUBECONFIG-") for rule in rules), str(rules))
                check("the token never comes back whole", TOKEN not in json.dumps(report) and TOKEN not in text_of(scan))
                check("scan's answer matches its output schema", *conforms("scan", scan))

                inline = await session.call_tool("scan", {"files": [{"name": "proposed/admin.yaml", "content": WILDCARD_ROLE}]})
                check("inline files are scanned", any(f["location"]["file"] == "proposed/admin.yaml" for f in structured(inline).get("findings", [])))

                change = await session.call_tool("check_change", {"changes": [{"name": "rbac/deployer.yaml", "content": WILDCARD_ROLE}]})
                gate = structured(change).get("gate", {})
                check("check_change gives a gate verdict", gate.get("verdict") in ("review", "block"), str(gate))
                check("a proposal is an agent's change", gate.get("actor") == "agent")
                check("check_change's answer matches its output schema", *conforms("check_change", change))
                check("check_change's text names the new findings", "new " in text_of(change) and "K8S-" in text_of(change), text_of(change))

                explained = await session.call_tool("explain_rule", {"rule": "K8S-ADMIN-BINDING"})
                check("explain_rule", not is_error(explained) and "Why:" in text_of(explained), text_of(explained))
                check("explain_rule's answer matches its output schema", *conforms("explain_rule", explained))
                check("explain_rule links the rule's page", structured(explained).get("helpUri", "").endswith("/K8S-ADMIN-BINDING.md"), str(structured(explained).get("helpUri")))

                mapped = await session.call_tool("map_controls", {"framework": "OWASP-ASI-2026", "rules": ["AWS-ADMIN-POLICY"]})
                controls = [control["id"] for control in structured(mapped).get("controls", [])]
                check("map_controls", controls == ["OWASP-ASI-2026:ASI03"], str(controls))
                check("map_controls' answer matches its output schema", *conforms("map_controls", mapped))
                check("map_controls' text lists its controls, not only a count", "OWASP-ASI-2026:ASI03" in text_of(mapped), text_of(mapped))

                for path in ["../outside/other.yaml", "/etc/passwd", "escape/other.yaml"]:
                    escaped = await session.call_tool("scan", {"paths": [path]})
                    check(f"path escape {path} is refused", is_error(escaped) and ("root" in text_of(escaped) or "absolute" in text_of(escaped)), text_of(escaped))

                malformed = await session.call_tool("scan", {"paths": "rbac"})
                check("a string where a list belongs is refused", is_error(malformed) and "list" in text_of(malformed), text_of(malformed))
                big = await session.call_tool("scan", {"files": [{"name": "big.yaml", "content": "a" * ((1 << 20) + 1)}]})
                check("an oversized file is refused", is_error(big) and "at most" in text_of(big), text_of(big))
                # Past the 4 MiB message cap the server drops the request unread and answers
                # JSON-RPC -32600 under the request's id: the call fails at once, not by
                # waiting (the bound here is only so that a regression cannot hang the run).
                try:
                    with anyio.fail_after(60):
                        answered = await session.call_tool("scan", {"files": [{"name": "huge.yaml", "content": "a" * (5 << 20)}]})
                    check("a request over the message cap is refused", False, "it was answered: " + text_of(answered)[:200])
                except Exception as refusal:  # MCPError in mcp 2.x, McpError before
                    error = getattr(refusal, "error", None)
                    check("a request over the message cap is refused as too large",
                          getattr(error, "code", None) == -32600 and "too large" in str(getattr(error, "message", "")), repr(refusal))
                after = await session.call_tool("explain_rule", {"rule": "AWS-ADMIN-POLICY"})
                check("the server still serves after refusing a large request", not is_error(after), text_of(after))
                injected = await session.call_tool("check_change", {"base": "--upload-pack=touch /tmp/x"})
                check("an option disguised as a revision is refused", is_error(injected) and "not a git revision" in text_of(injected), text_of(injected))

                resources = (await session.list_resources()).resources
                check("resources list the rules", any(str(resource.uri) == "idlint://rules" for resource in resources))

        with open(log) as handle:
            entries = [json.loads(line) for line in handle if line.strip()]
        check("every call is logged", len(entries) >= 12, str(len(entries)))
        check("the refused large request is logged", any(entry.get("tool") == "(unread)" and "too large" in entry.get("outcome", "") for entry in entries))
        check("the log holds no file contents", all("verbs" not in json.dumps(entry) for entry in entries))
        check("nothing was written under the root", sorted(os.listdir(root)) == ["escape", "kubeconfig.yaml", "rbac"], str(os.listdir(root)))

    await root_configuration(idlint)


TEAM_RULE = """rules:
  - id: TEAM-ROLE-REVIEW
    title: Every role is reviewed by the platform team
    severity: medium
    rationale: The team reviews every role.
    remediation: Ask the platform team.
    controls: [OWASP-NHI-2025:NHI5]
    message: "{kind} {name} needs the platform team's review"
    match:
      kinds: [k8s.Role, k8s.ClusterRole]
      at: metadata.name
"""


async def root_configuration(idlint):
    """The served root's own .idlint.yaml is the configuration: its rule folder, named
    relative to the root, is loaded; one that names a folder outside the root is refused."""
    with tempfile.TemporaryDirectory() as scratch:
        root = os.path.join(scratch, "root")
        os.makedirs(os.path.join(root, "policies"))
        os.makedirs(os.path.join(root, "rbac"))
        with open(os.path.join(root, "policies", "team.yaml"), "w") as handle:
            handle.write(TEAM_RULE)
        with open(os.path.join(root, "rbac", "deployer.yaml"), "w") as handle:
            handle.write(NARROW_ROLE)
        with open(os.path.join(root, ".idlint.yaml"), "w") as handle:
            handle.write("rules: [policies]\n")
        server = StdioServerParameters(command=idlint, args=["mcp", "--root", root], cwd=scratch)
        async with stdio_client(server) as (read, write):
            async with ClientSession(read, write) as session:
                await session.initialize()
                scanned = await session.call_tool("scan", {})
                rules = [finding["ruleId"] for finding in structured(scanned).get("findings", [])]
                check("the root's .idlint.yaml names the rule folder the server loads", "TEAM-ROLE-REVIEW" in rules, str(rules) + text_of(scanned))
                # An agent that rewrites the team's rules changes what the gate checks: never a pass.
                weakened = await session.call_tool("check_change", {"changes": [{"name": "policies/team.yaml", "content": "rules: []\n"}]})
                verdict = structured(weakened).get("gate", {}).get("verdict")
                check("a proposal that edits the configured rule folder is not passed", verdict in ("review", "block"), f"{verdict}: {text_of(weakened)}")

        with open(os.path.join(root, ".idlint.yaml"), "w") as handle:
            handle.write("rules: [../elsewhere]\n")
        os.makedirs(os.path.join(scratch, "elsewhere"))
        refused = subprocess.run([idlint, "mcp", "--root", root], input="", capture_output=True, text=True, timeout=60)
        check("a root configuration naming a folder outside the root is refused", refused.returncode == 2 and ".idlint.yaml" in refused.stderr,
              f"exit {refused.returncode}: {refused.stderr}")

        # A .idlint.yaml that links out of the root is not read (it could be any file of the user's).
        os.remove(os.path.join(root, ".idlint.yaml"))
        with open(os.path.join(scratch, "elsewhere", "secret.yaml"), "w") as handle:
            handle.write("rules: [policies]\n")
        os.symlink(os.path.join(scratch, "elsewhere", "secret.yaml"), os.path.join(root, ".idlint.yaml"))
        linked = subprocess.run([idlint, "mcp", "--root", root], input="", capture_output=True, text=True, timeout=60)
        check("a root configuration that links out of the root is refused", linked.returncode == 2 and "root" in linked.stderr,
              f"exit {linked.returncode}: {linked.stderr}")


if __name__ == "__main__":
    asyncio.run(main(os.path.abspath(sys.argv[1])))
    print(f"mcp python client: {passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)
