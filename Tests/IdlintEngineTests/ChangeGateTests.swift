import Foundation
import Testing
@testable import IdlintEngine

/// The change gate on real git repositories: each test commits a base and a head and
/// compares the two revisions through `git`.
@Suite("Change gate")
struct ChangeGateTests {
    static let role = """
    apiVersion: rbac.authorization.k8s.io/v1
    kind: Role
    metadata:
      name: deployer
      namespace: ci
    rules:
      - apiGroups: [""]
        resources: [configmaps, pods]
        verbs: [get, list, create]
    ---
    apiVersion: rbac.authorization.k8s.io/v1
    kind: RoleBinding
    metadata:
      name: deployer
      namespace: ci
    roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: deployer}
    subjects:
      - kind: ServiceAccount
        name: release-agent
    """

    static let deployment = """
    apiVersion: apps/v1
    kind: Deployment
    metadata: {name: api, namespace: app}
    spec:
      template:
        spec:
          serviceAccountName: api
          automountServiceAccountToken: false
          containers: [{name: api, image: registry.example.com/api:1}]
          volumes:
            - name: token
              projected:
                sources:
                  - serviceAccountToken:
                      audience: vault
                      expirationSeconds: 600
                      path: token
    """

    @Test("a cosmetic change passes: reordering objects makes no finding new")
    func cosmeticChangePasses() throws {
        let documents = Self.role.components(separatedBy: "---\n")
        let comparison = try compare(base: ["k8s/rbac.yaml": Self.role],
                                     head: ["k8s/rbac.yaml": "# reviewed\n" + documents[1] + "\n---\n" + documents[0]])
        #expect(comparison.verdict == .pass, "\(comparison.reasons)")
        #expect(!comparison.findings.isEmpty)
        #expect(comparison.findings.allSatisfy { $0.baselineState == .unchanged })
        #expect(comparison.privilegeDelta.isEmpty)
        #expect(comparison.changes.isEmpty)
    }

    @Test("widening a role bound to an agent's service account is blocked for an agent's change")
    func agentWideningBlocked() throws {
        let widened = Self.role.replacingOccurrences(of: "resources: [configmaps, pods]", with: "resources: [configmaps, pods, secrets]")
        let comparison = try compare(base: ["rbac.yaml": Self.role], head: ["rbac.yaml": widened], actor: .agent)
        #expect(comparison.verdict == .block)
        let delta = try #require(comparison.privilegeDelta.first { $0.principal.name == "release-agent" })
        #expect(delta.isAgent)
        #expect(Set(delta.gained.map(\.description)) == ["get secrets (core) in namespace ci", "list secrets (core) in namespace ci", "create secrets (core) in namespace ci"])
        #expect(delta.lost.isEmpty)
        #expect(comparison.reasons.contains { $0.contains("agent identity") })
        #expect(comparison.findings.contains { $0.ruleID == "K8S-SECRETS-READ-NAMESPACE" && $0.baselineState == .new })
        // The rule change itself is listed; the privilege delta, not a path, judges it.
        #expect(comparison.changes.contains { $0.surfaces.isEmpty && $0.path == ".rules[].resources[]" && $0.change == .added })
    }

    @Test("a longer token lifetime with no finding gets review, naming token handling")
    func tokenLifetimeReview() throws {
        let longer = Self.deployment.replacingOccurrences(of: "expirationSeconds: 600", with: "expirationSeconds: 86400")
        let comparison = try compare(base: ["app.yaml": Self.deployment], head: ["app.yaml": longer])
        #expect(comparison.verdict == .review)
        let change = try #require(comparison.changes.first)
        #expect(change.surfaces == ["token-handling"])
        #expect(change.change == .modified)
        #expect(change.location.line == 16)
        #expect(comparison.reasons.contains { $0.hasPrefix("token handling changed") })
        #expect(!comparison.findings.contains { $0.baselineState == .new })
    }

    @Test("fixed findings are absent, rotated secrets are updated, new subjects are new principals")
    func states() throws {
        let secret = "apiVersion: v1\nkind: Secret\nmetadata: {name: db, namespace: app}\nstringData:\n  password: first-value-123\n"
        let rotated = secret.replacingOccurrences(of: "first-value-123", with: "second-value-456")
        let extraSubject = Self.role + "\n  - kind: User\n    name: carol@example.com\n"
        let narrowed = Self.role.replacingOccurrences(of: "verbs: [get, list, create]", with: "verbs: [get, list]")
        let comparison = try compare(base: ["s.yaml": secret, "r.yaml": Self.role, "n.yaml": narrowed.replacingOccurrences(of: "deployer", with: "other")],
                                     head: ["s.yaml": rotated, "r.yaml": extraSubject, "n.yaml": narrowed.replacingOccurrences(of: "deployer", with: "other")])
        #expect(comparison.findings.first { $0.ruleID == "K8S-SECRET-DATA-IN-MANIFEST" }?.baselineState == .updated)
        let carol = try #require(comparison.privilegeDelta.first { $0.principal.name == "carol@example.com" })
        #expect(carol.isNew && !carol.gained.isEmpty)
        #expect(comparison.changes.contains { $0.surfaces == ["secret-material"] })
    }

    @Test("a finding whose suppression is removed or has expired blocks again")
    func suppressionNoLongerHides() throws {
        // Grant findings sit on the subject, so the comment goes above the subject's name.
        let suppressed = Self.role.replacingOccurrences(of: "    name: release-agent", with: "    # idlint:ignore K8S-POD-CREATE reason=\"deploys one-off jobs\" expires=2027-06-30\n    name: release-agent")
        let removed = try compare(base: ["rbac.yaml": suppressed], head: ["rbac.yaml": Self.role])
        #expect(removed.verdict == .block)
        #expect(removed.reasons.contains { $0.contains("K8S-POD-CREATE") && $0.contains("no longer suppressed") })

        let kept = try compare(base: ["rbac.yaml": suppressed], head: ["rbac.yaml": suppressed + "\n"])
        #expect(kept.verdict == .pass, "\(kept.reasons)")

        let expired = try compare(base: ["rbac.yaml": suppressed], head: ["rbac.yaml": suppressed], today: "2027-07-01")
        let finding = try #require(expired.findings.first { $0.ruleID == "K8S-POD-CREATE" })
        #expect(finding.suppression == nil)
        #expect(expired.head.diagnostics.contains { $0.message.contains("expired on 2027-06-30") })
    }

    @Test("a Terraform module changed in one file is judged with the rest of the module, and its policy is access policy")
    func terraformModule() throws {
        let variables = "variable \"actions\" {\n  default = [\"s3:GetObject\"]\n}\n"
        let document = """
            data "aws_iam_policy_document" "ci" {
              statement {
                actions   = var.actions
                resources = ["*"]
              }
            }

            resource "aws_iam_policy" "ci" {
              policy = data.aws_iam_policy_document.ci.json
            }

            """
        let widened = variables.replacingOccurrences(of: "s3:GetObject", with: "*")
        let comparison = try compare(base: ["iam/variables.tf": variables, "iam/main.tf": document],
                                     head: ["iam/variables.tf": widened, "iam/main.tf": document], extensions: ["tf"])
        #expect(comparison.verdict == .block)
        let finding = try #require(comparison.findings.first { $0.ruleID == "AWS-ADMIN-POLICY" })
        #expect(finding.baselineState == .new)
        #expect(finding.location.file == "iam/main.tf" && finding.location.line == 3)
        // The change sits in variables.tf; what it changes is the policy it feeds, and the
        // policy's holder gains '*'.
        #expect(comparison.changes.contains { $0.kind == "aws.iam.policy" }, "\(comparison.changes)")
        #expect(comparison.privilegeDelta.contains { $0.gained.contains { $0.action == "*" && $0.resource == "*" } }, "\(comparison.privilegeDelta)")
    }

    // MARK: - Helpers

    private func compare(base: [String: String], head: [String: String], actor: ChangeActor = .human, today: String = "2026-11-29",
                         extensions: Set<String> = []) throws -> ChangeComparison {
        let repository = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: repository) }
        try git(["init", "-q"], in: repository)
        for (revision, files) in [("base", base), ("head", head)] {
            for entry in (try? FileManager.default.contentsOfDirectory(atPath: repository.path)) ?? [] where entry != ".git" {
                try FileManager.default.removeItem(at: repository.appendingPathComponent(entry))
            }
            for (path, text) in files { try write(text, to: repository.appendingPathComponent(path)) }
            try git(["add", "-A"], in: repository)
            try git(["-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "--allow-empty", "-m", revision], in: repository)
        }
        var options = DiscoveryOptions()
        options.extensions.formUnion(extensions)
        let (baseFiles, baseNotes) = try GitRevision(workingDirectory: repository.path, revision: "HEAD~1").files(paths: [], options: options)
        let (headFiles, headNotes) = try GitRevision(workingDirectory: repository.path, revision: "HEAD").files(paths: [], options: options)
        var configuration = ScanConfiguration()
        configuration.discovery = options
        configuration.suppressions.today = today
        return ChangeGate(library: builtInLibrary, configuration: configuration, actor: actor)
            .compare(base: baseFiles, head: headFiles, baseNotes: baseNotes, headNotes: headNotes)
    }

    private func git(_ arguments: [String], in folder: URL) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", folder.path] + arguments
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "git \(arguments.joined(separator: " ")) failed")
    }
}

@Suite("Change gate inputs")
struct ChangeGateInputTests {
    @Test("a patch is applied to a scratch copy of the base, limited to the files idlint reads")
    func patch() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let patch = folder.appendingPathComponent("change.patch")
        try write("""
        diff --git a/k8s/role.yaml b/k8s/role.yaml
        --- a/k8s/role.yaml
        +++ b/k8s/role.yaml
        @@ -1,2 +1,2 @@
         kind: Role
        -verbs: [get]
        +verbs: [get, list]
        diff --git a/README.md b/README.md
        --- a/README.md
        +++ b/README.md
        @@ -1 +1 @@
        -old
        +new

        """, to: patch)
        let base = [InputFile(displayPath: "k8s/role.yaml", source: .content(Array("kind: Role\nverbs: [get]\n".utf8)))]
        let head = try PatchedTree.apply(patch: patch.path, to: base, options: DiscoveryOptions()).files
        #expect(head.map(\.displayPath) == ["k8s/role.yaml"])
        #expect(String(decoding: try head[0].read(maxBytes: 1 << 20), as: UTF8.self) == "kind: Role\nverbs: [get, list]\n")
    }

    @Test("agent-authored commits are recognised by author or trailer", arguments: [
        ("dependabot[bot]", "bot@example.com", "Bump", true),
        ("Ana", "ana@example.com", "Fix role\n\nCo-authored-by: Claude <noreply@anthropic.com>", true),
        ("Ana", "ana@example.com", "Fix role\n\nReviewed-by: Bo <bo@example.com>", false),
    ])
    func authorship(author: String, email: String, message: String, isAgent: Bool) {
        #expect(builtInLibrary.agentRecognition.isAgentCommit(author: author, email: email, message: message) == isAgent)
    }
}
