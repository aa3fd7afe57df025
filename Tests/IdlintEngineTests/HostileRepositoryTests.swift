import Foundation
import Testing
@testable import IdlintEngine

/// A hostile repository, a hostile patch and an unlucky user: each attack is first shown
/// to work against plain `git` (so the test can fail), then shown refused by idlint.
@Suite("Hostile repositories and patches")
struct HostileRepositoryTests {
    @Test("a repository's gpg.program with log.showSignature never runs when the actor is read from the log")
    func signatureProgram() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let marker = folder.appendingPathComponent("gpg-ran").path
        let program = try markerScript(folder, name: "fake-gpg", marker: marker)
        try sh("""
        git init -q repo && cd repo
        git -c user.name=t -c user.email=t@example.com commit -q --allow-empty -m base
        tree=$(git rev-parse 'HEAD^{tree}'); parent=$(git rev-parse HEAD)
        signed=$(printf 'tree %s\\nparent %s\\nauthor t <t@example.com> 1700000000 +0000\\ncommitter t <t@example.com> 1700000000 +0000\\ngpgsig -----BEGIN PGP SIGNATURE-----\\n \\n iQEzBAABCAAdFiEE\\n -----END PGP SIGNATURE-----\\n\\nsigned\\n' "$tree" "$parent" | git hash-object -t commit -w --stdin)
        git update-ref HEAD "$signed"
        git config log.showSignature true
        git config gpg.program '\(program)'
        git config core.fsmonitor '\(program)'
        """, in: folder)
        // The attack works on plain git.
        try sh("cd repo && git log -1 --format=%H >/dev/null 2>&1 || true", in: folder)
        #expect(FileManager.default.fileExists(atPath: marker), "the fixture should make plain git run the program")
        try FileManager.default.removeItem(atPath: marker)

        let repository = folder.appendingPathComponent("repo").path
        let commits = try GitRevision(workingDirectory: repository, revision: "HEAD").commits(since: "HEAD~1")
        #expect(commits.count == 1)
        _ = try ChangeActor.ofCommits(root: repository, base: "HEAD~1", head: nil, recognition: builtInLibrary.agentRecognition)
        #expect(!FileManager.default.fileExists(atPath: marker), "idlint ran a program named by the scanned repository's config")
    }

    @Test("a partial clone's promisor remote is never contacted: a missing object fails the side instead")
    func promisorRemote() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let marker = folder.appendingPathComponent("fetched").path
        let uploadPack = try markerScript(folder, name: "upload-pack", marker: marker, then: "exec git-upload-pack \"$@\"")
        try sh("""
        git init -q source && cd source
        printf 'kind: ClusterRole\\nrules: []\\n' > role.yaml
        git add role.yaml && git -c user.name=t -c user.email=t@example.com commit -q -m base
        git config uploadpack.allowFilter true
        cd .. && git clone -q --no-checkout --filter=blob:none "file://$PWD/source" clone
        git -C clone config remote.origin.uploadpack '\(uploadPack)'
        """, in: folder)
        let clone = folder.appendingPathComponent("clone").path
        // The attack works on plain git: reading the blob fetches it through the script.
        try sh("git -C clone cat-file -p HEAD:role.yaml >/dev/null 2>&1 || true", in: folder)
        #expect(FileManager.default.fileExists(atPath: marker), "the fixture should make plain git fetch")
        try FileManager.default.removeItem(atPath: marker)
        try sh("rm -rf clone && git clone -q --no-checkout --filter=blob:none \"file://$PWD/source\" clone && git -C clone config remote.origin.uploadpack '\(uploadPack)'", in: folder)

        #expect(throws: GitRevision.Failure.self) {
            _ = try GitRevision(workingDirectory: clone, revision: "HEAD").files(paths: [], options: DiscoveryOptions())
        }
        #expect(!FileManager.default.fileExists(atPath: marker), "idlint let git contact a promisor remote")
    }

    @Test("a base tree that reaches into .git is refused before git runs in the scratch copy")
    func crafted_base_tree() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let patch = folder.appendingPathComponent("change.patch")
        try write("diff --git a/a.yaml b/a.yaml\n--- a/a.yaml\n+++ b/a.yaml\n@@ -1 +1 @@\n-a: 1\n+a: 2\n", to: patch)
        for path in [".git/config", "sub/.git/hooks/post-checkout.yaml", ".GIT/config", "../outside.yaml", "/etc/x.yaml"] {
            let base = [InputFile(displayPath: path, source: .content(Array("[filter \"x\"]\n\tclean = touch /tmp/pwned\n".utf8))),
                        InputFile(displayPath: "a.yaml", source: .content(Array("a: 1\n".utf8)))]
            #expect(throws: GitRevision.Failure.self, "\(path) should be refused") {
                _ = try PatchedTree.apply(patch: patch.path, to: base, options: DiscoveryOptions())
            }
        }
        let fine = [InputFile(displayPath: "a.yaml", source: .content(Array("a: 1\n".utf8)))]
        let head = try PatchedTree.apply(patch: patch.path, to: fine, options: DiscoveryOptions())
        #expect(try String(decoding: head.files[0].read(maxBytes: 100), as: UTF8.self) == "a: 2\n")
    }

    @Test("a patch from a FIFO, /dev/zero or over the size cap is refused at once, not applied")
    func patchBombs() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let fifo = folder.appendingPathComponent("patch.fifo").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let big = folder.appendingPathComponent("big.patch")
        try write(String(repeating: "+x\n", count: 2000), to: big)
        var options = DiscoveryOptions()
        options.maxFileBytes = 1000
        let started = Date()
        for path in [fifo, "/dev/zero", big.path] {
            #expect(throws: GitRevision.Failure.self, "\(path) should be refused") {
                _ = try PatchedTree.apply(patch: path, to: [], options: options)
            }
        }
        #expect(Date().timeIntervalSince(started) < 10)
    }

    @Test("scratch folders are private to idlint and removed")
    func scratchFolder() throws {
        let scratch = try ScratchFolder()
        let attributes = try FileManager.default.attributesOfItem(atPath: scratch.path)
        #expect((attributes[.posixPermissions] as? Int) == 0o700)
        scratch.remove()
        #expect(!FileManager.default.fileExists(atPath: scratch.path))
    }

    @Test("a file swapped for a FIFO after discovery is refused on open, without blocking")
    func swappedForFIFO() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("role.yaml").path
        try write(ScannerTests.role, to: URL(fileURLWithPath: path))
        let found = FileDiscovery(options: DiscoveryOptions()).discover([folder.path])
        #expect(found.files.count == 1)
        try FileManager.default.removeItem(atPath: path)
        #expect(mkfifo(path, 0o600) == 0)
        let result = makeScanner().scan(files: found.files)
        #expect(result.diagnostics.contains { $0.level == .error && $0.message.contains("not a regular file") })
        #expect(result.fails(at: .critical))
    }

    @Test("a head file padded past the size cap blocks the gate instead of passing unread")
    func oversizedHead() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let binding = "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata: {name: agent-admin}\n"
            + "roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}\n"
            + "subjects: [{kind: ServiceAccount, name: agent, namespace: default}]\n"
        try write("a: 1\n", to: folder.appendingPathComponent("repo/x.yaml"))
        try sh("cd repo && git init -q && git add -A && git -c user.name=t -c user.email=t@example.com commit -q -m base", in: folder)
        try write(binding + String(repeating: "# padding\n", count: 400), to: folder.appendingPathComponent("repo/admin.yaml"))
        try sh("cd repo && git add -A && git -c user.name=t -c user.email=t@example.com commit -q -m head", in: folder)
        var configuration = ScanConfiguration()
        configuration.discovery.maxFileBytes = 1024
        let sides = try ChangeSides.git(root: folder.appendingPathComponent("repo").path, base: "HEAD~1", head: "HEAD", paths: [], options: configuration.discovery)
        #expect(sides.headNotes.contains { $0.level == .error && $0.file == "admin.yaml" })
        let comparison = ChangeGate(library: builtInLibrary, configuration: configuration, actor: .human)
            .compare(base: sides.base, head: sides.head, baseNotes: sides.baseNotes, headNotes: sides.headNotes)
        #expect(comparison.verdict == .block, "\(comparison.reasons)")
    }

    @Test("findings in a file the head could not read are not reported as fixed")
    func unreadHeadIsNotFixed() {
        let base = scan(["k8s/role.yaml": ScannerTests.role]).findings
        #expect(!base.isEmpty)
        let states = ChangeGate.states(base: base, head: [], unreadInHead: ["k8s"])
        #expect(states.allSatisfy { $0.baselineState == .unchanged })
        #expect(ChangeGate.states(base: base, head: [], unreadInHead: ["k8s/other.yaml"]).allSatisfy { $0.baselineState == .absent })
    }

    @Test("a proposal that edits idlint's own configuration, baseline or rules is its own surface: review for a human, block for an agent")
    func gateGuardsItself() {
        let base = [InputFile(displayPath: "role.yaml", source: .content(Array(ScannerTests.role.utf8))),
                    InputFile(displayPath: ".idlint.yaml", source: .content(Array("fail-on: low\n".utf8)))]
        var configuration = ScanConfiguration()
        configuration.ruleDirectories = ["policy/rules"]
        for (path, content) in [(".idlint.yaml", "fail-on: critical\n"), ("deploy/.idlint-baseline.json", "{}"), ("policy/rules/mine.yaml", "rules: []\n")] {
            let sides = ChangeSides.proposal(base: base, changes: [(path, Array(content.utf8))])
            for (actor, verdict) in [(ChangeActor.human, GateVerdict.review), (.agent, .block)] {
                let comparison = ChangeGate(library: builtInLibrary, configuration: configuration, actor: actor).compare(base: sides.base, head: sides.head)
                #expect(comparison.verdict == verdict, "\(path) by \(actor): \(comparison.reasons)")
                #expect(comparison.reasons.contains { $0.contains("idlint's own configuration changed (\(path))") })
            }
        }
        let unrelated = ChangeSides.proposal(base: base, changes: [("docs/notes.yaml", Array("a: 1\n".utf8))])
        #expect(ChangeGate(library: builtInLibrary, configuration: configuration, actor: .agent).compare(base: unrelated.base, head: unrelated.head).verdict == .pass)
    }

    // MARK: - Helpers

    /// A script that leaves a marker when something runs it.
    private func markerScript(_ folder: URL, name: String, marker: String, then: String = "exit 1") throws -> String {
        let path = folder.appendingPathComponent(name).path
        try write("#!/bin/sh\ntouch '\(marker)'\n\(then)\n", to: URL(fileURLWithPath: path))
        #expect(chmod(path, 0o755) == 0)
        return path
    }

    private func sh(_ script: String, in folder: URL) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-ec", script]
        process.currentDirectoryURL = folder
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "setup failed: \(script)")
    }
}

@Suite("Secrets in every output")
struct SecretOutputTests {
    @Test("URLs keep their host and path, never their userinfo, query values or fragment")
    func urls() {
        let text = "server at https://deploy:hunter2@mcp.example.com/v1/sse?api_key=SECRETVALUE42&region=eu#access_token=abc123, see ftp://tok3n@files.example.com."
        let scrubbed = Redaction.scrub(text)
        for secret in ["hunter2", "SECRETVALUE42", "abc123", "tok3n", "=eu"] {
            #expect(!scrubbed.contains(secret), "\(secret) leaked: \(scrubbed)")
        }
        for kept in ["https://deploy:", "@mcp.example.com/v1/sse?api_key=", "&region=", "ftp://", "@files.example.com."] {
            #expect(scrubbed.contains(kept), "\(kept) lost: \(scrubbed)")
        }
        #expect(Redaction.scrub("no secrets here, automountServiceAccountToken=false") == "no secrets here, automountServiceAccountToken=false")
        for quoted in [#"password="Summer 2024!""#, "token = 'abc def 123'", "api_key = s3cr3tvalue", "https://ci:pa/ss@host.example.com/x"] {
            let scrubbed = Redaction.scrub(quoted)
            #expect(!scrubbed.contains("Summer") && !scrubbed.contains("abc def") && !scrubbed.contains("s3cr3t") && !scrubbed.contains("pa/ss"), "\(scrubbed)")
        }
        #expect(!Redaction.scrub("env CLIENT_SECRET=s3cr3t-value set").contains("s3cr3t"))
    }

    @Test("a fragment that names something stays; one that carries a token or a password does not")
    func fragments() {
        for named in ["uses http://www.w3.org/2000/09/xmldsig#rsa-sha1", "http://www.w3.org/2007/05/xmldsig-more#sha1-rsa-MGF1",
                      "see https://json-schema.org/draft-07/schema#/definitions/nonNegativeInteger"] {
            #expect(Redaction.scrub(named) == named)
        }
        for (text, secret) in [("https://app.example.com/cb#eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl", "eyJhbGciOiJIUzI1NiJ9"),
                               ("https://app.example.com/cb#Zx9Qk2Lp7Wm4", "Zx9Qk2Lp7Wm4"), ("https://app.example.com/cb#Summer2024!", "Summer2024"),
                               ("https://app.example.com/cb#4f2a9c81d03e6b57aa10", "4f2a9c81d03e6b57aa10"),
                               ("https://app.example.com/cb#a8f3k2m9x7q1", "a8f3k2m9x7q1")] {
            #expect(!Redaction.scrub(text).contains(secret), "\(secret) leaked: \(Redaction.scrub(text))")
        }
    }

    @Test("scrubbing what was scrubbed changes nothing: a redacted value is never redacted into a nested marker")
    func scrubTwice() {
        let texts = [
            "metadata uses http://www.w3.org/2000/09/xmldsig#Zx9Qk2Lp7Wm4 for signatures",
            "server at https://deploy:hunter2@mcp.example.com/v1/sse?api_key=SECRETVALUE42&region=eu#access_token=abc123, done",
            "env CLIENT_SECRET=s3cr3t-value set, password=\"Summer 2024!\" and token=AKIAIOSFODNN7EXAMPLEKEYLONG",
            "https://ci:pa/ss@host.example.com/x",
        ]
        for text in texts {
            let once = Redaction.scrub(text)
            #expect(once != text)
            #expect(Redaction.scrub(once) == once, "\(once) became \(Redaction.scrub(once))")
        }
    }

    @Test("a weak password's redacted form has no prefix and no hash a dictionary can match")
    func weakPassword() {
        let redacted = Redaction.redact("Summer2024!")
        #expect(!redacted.contains("Summ"))
        #expect(!redacted.contains(String(SHA256.hex(Array("Summer2024!".utf8)).prefix(8))))
        #expect(redacted.contains("hmac:"))
        // The id is keyed: another key gives another id for the same secret.
        #expect(HMAC.sha256(key: [1], message: Array("x".utf8)) != HMAC.sha256(key: [2], message: Array("x".utf8)))
        // RFC 4231 test case 2.
        let mac = HMAC.sha256(key: Array("Jefe".utf8), message: Array("what do ya want for nothing?".utf8))
        #expect(mac.map { String(format: "%02x", $0) }.joined() == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
        // A long key keeps a format prefix; fingerprints drop the run's id.
        #expect(Redaction.redact("AKIAIOSFODNN7EXAMPLEKEYLONG").hasPrefix("AKIA…"))
        #expect(!Redaction.stable(redacted).contains("hmac"))
    }

    @Test("a rule that quotes a URL never prints its credentials, in message or evidence")
    func ruleQuotingURL() {
        let result = scan(["mcp.json": """
        {"mcpServers": {"wiki": {"url": "http://bot:Pa55w0rd@wiki.internal.example.com/mcp?api_key=k-123456789&x=1"}}}
        """])
        let findings = result.findings(of: "MCP-REMOTE-PLAIN-HTTP")
        #expect(!findings.isEmpty)
        for finding in result.findings {
            let text = finding.message + (finding.evidence ?? "") + finding.relatedLocations.map(\.message).joined()
            #expect(!text.contains("Pa55w0rd") && !text.contains("k-123456789"), "\(finding.ruleID): \(text)")
        }
    }

    @Test("a long URL in evidence is redacted before it is cut, so no part of its password is left")
    func longURLEvidence() {
        let password = String(repeating: "Zq9", count: 30)
        let result = scan(["mcp.json": #"{"mcpServers": {"db": {"url": "http://svc_identity_reader:\#(password)@db.internal.example.com/mcp"}}}"#])
        let text = result.findings.map { $0.message + ($0.evidence ?? "") }.joined()
        #expect(!result.findings.isEmpty)
        #expect(!text.contains("Zq9Zq9"), "\(text)")
    }

    @Test("parse errors never quote a secret-looking alias or key")
    func parseErrors() {
        let result = scan(["a.yaml": "password: *Summer2024!\n", "b.yaml": "Zx9Qk2Lp7Wm4: 1\nZx9Qk2Lp7Wm4: 2\n", "c.yaml": "rules: 1\nrules: 2\n"])
        let text = result.diagnostics.map(\.message).joined(separator: "\n")
        // Errors or notes (none of them looks like identity configuration), each is reported.
        #expect(result.diagnostics.count == 3)
        #expect(!text.contains("Summer2024") && !text.contains("Zx9Qk2Lp7Wm4"), "\(text)")
        #expect(text.contains("'rules'"), "a name-like key is still quoted: \(text)")
    }
}
