import Foundation
import Testing
@testable import IdlintEngine
@testable import IdlintReporting

@Suite("SARIF")
struct SARIFReporterTests {
    @Test("rule names are the title's words in PascalCase, ASCII or not")
    func ruleNames() {
        #expect(SARIFReporter.pascalCase("Role reads secrets (cluster-wide)") == "RoleReadsSecretsClusterWide")
        #expect(SARIFReporter.pascalCase("  OIDC client: 2 secrets, x509 keys  ") == "OIDCClient2SecretsX509Keys")
        #expect(SARIFReporter.pascalCase("élan über-rôle") == "ÉlanÜberRôle")
        #expect(SARIFReporter.pascalCase("") == "")
    }

    @Test("output is valid against the SARIF 2.1.0 schema")
    func schemaValid() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("idlint-\(UUID().uuidString).sarif")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data(render(.sarif).utf8).write(to: file)
        let schema = packageRoot.appendingPathComponent("Tests/IdlintReportingTests/Schemas/sarif-schema-2.1.0.json").path
        let validator = packageRoot.appendingPathComponent("scripts/validate-json-schema.py").path
        let (status, output) = try run("python3", [validator, schema, file.path])
        #expect(status == 0, "SARIF schema violations:\n\(output)")
    }

    @Test("results carry regions, relative URIs, fingerprints, rule metadata and input errors")
    func content() throws {
        let json = try JSONSerialization.jsonObject(with: Data(render(.sarif).utf8)) as! [String: Any]
        let run = (json["runs"] as! [[String: Any]])[0]
        #expect(run["columnKind"] as? String == "unicodeCodePoints")
        let results = run["results"] as! [[String: Any]]
        let admin = try #require(results.first { $0["ruleId"] as? String == "K8S-ADMIN-BINDING" })
        let location = ((admin["locations"] as! [[String: Any]])[0]["physicalLocation"] as! [String: Any])
        let artifact = location["artifactLocation"] as! [String: Any]
        #expect(artifact["uri"] as? String == "rbac/binding.yaml")
        #expect(artifact["uriBaseId"] as? String == "%SRCROOT%")
        let region = location["region"] as! [String: Any]
        #expect(region["startLine"] as? Int == 6 && region["startColumn"] as? Int == 34)
        #expect((admin["partialFingerprints"] as? [String: String])?["idlintFingerprint/v1"]?.count == 32)
        #expect(admin["level"] as? String == "error")

        let accepted = try #require(results.first { $0["ruleId"] as? String == "K8S-SECRETS-READ-NAMESPACE" })
        let suppression = try #require((accepted["suppressions"] as? [[String: Any]])?.first)
        #expect(suppression["kind"] as? String == "inSource")
        #expect((suppression["justification"] as? String)?.hasPrefix("reads the CA bundle") == true)

        let broken = try #require(results.first { $0["ruleId"] as? String == SARIFReporter.inputErrorRuleID })
        let brokenLocation = ((broken["locations"] as! [[String: Any]])[0]["physicalLocation"] as! [String: Any])
        #expect((brokenLocation["artifactLocation"] as! [String: Any])["uri"] as? String == "rbac/broken%20file.json")
        #expect((brokenLocation["region"] as! [String: Any])["startColumn"] as? Int == 17)
        let notifications = ((run["invocations"] as! [[String: Any]])[0]["toolExecutionNotifications"] as! [[String: Any]])
        #expect(notifications.contains { $0["level"] as? String == "error" })
        let statistics = sampleResult().statistics
        let coverage = try #require((run["invocations"] as! [[String: Any]])[0]["properties"] as? [String: Any])
        #expect(statistics.filesScanned > 0)
        #expect(coverage["filesScanned"] as? Int == statistics.filesScanned)
        #expect(coverage["filesRecognised"] as? Int == statistics.filesRecognised)
        #expect(coverage["filesNotRecognised"] as? [String] == statistics.filesNotRecognised)

        let rules = ((run["tool"] as! [String: Any])["driver"] as! [String: Any])["rules"] as! [[String: Any]]
        let adminRule = try #require(rules.first { $0["id"] as? String == "K8S-ADMIN-BINDING" })
        let properties = adminRule["properties"] as! [String: Any]
        #expect(properties["security-severity"] as? String == "9.5")
        #expect((properties["tags"] as! [String]).contains("OWASP-NHI-2025:NHI5"))
        #expect(((adminRule["help"] as! [String: Any])["markdown"] as! String).contains("**Remediation:**"))
        #expect(admin["ruleIndex"] as? Int == rules.firstIndex { $0["id"] as? String == "K8S-ADMIN-BINDING" })
    }

    static func ruleDescriptors(_ input: ReportInput) throws -> [[String: Any]] {
        let json = try JSONSerialization.jsonObject(with: Data(SARIFReporter().render(input).utf8)) as! [String: Any]
        let run = (json["runs"] as! [[String: Any]])[0]
        return ((run["tool"] as! [String: Any])["driver"] as! [String: Any])["rules"] as! [[String: Any]]
    }

    @Test("every built-in rule links its page, under idlint's address or the team's own")
    func helpPages() throws {
        let published = try Self.ruleDescriptors(ReportInput(result: sampleResult(), library: library, sourceRoot: "/"))
        #expect(!published.isEmpty)
        for rule in published where rule["id"] as? String != SARIFReporter.inputErrorRuleID {
            #expect(rule["helpUri"] as? String == IdlintVersion.ruleDocsURL + (rule["id"] as! String) + ".md")
        }
        let mirrored = try Self.ruleDescriptors(ReportInput(result: sampleResult(), library: library, sourceRoot: "/", ruleDocsURL: "https://docs.example.com/idlint/rules"))
        let admin = try #require(mirrored.first { $0["id"] as? String == "K8S-ADMIN-BINDING" })
        #expect(admin["helpUri"] as? String == "https://docs.example.com/idlint/rules/K8S-ADMIN-BINDING.md")
    }

    @Test("tags start with security and stop at GitHub's ten; precision follows what the rule reads")
    func tagsAndPrecision() throws {
        for rule in library.rules {
            let tags = SARIFReporter.tags(of: rule)
            #expect(tags.count <= SARIFReporter.tagLimit && tags.first == "security", "\(rule.id): \(tags)")
        }
        let crowded = try #require(library.rules.first { $0.controls.count + 3 > SARIFReporter.tagLimit })
        #expect(SARIFReporter.tags(of: crowded).count == SARIFReporter.tagLimit)
        // A grant read as written is high; a secret recognised by its key name or content is medium.
        #expect(library.rules.first { $0.id == "K8S-SECRETS-READ" }?.precision == .high)
        #expect(library.rules.first { $0.id == "K8S-SECRET-DATA-IN-MANIFEST" }?.precision == .medium)
        let descriptors = try Self.ruleDescriptors(ReportInput(result: sampleResult(), library: library, sourceRoot: "/"))
        let secretData = try #require(descriptors.first { $0["id"] as? String == "K8S-SECRET-DATA-IN-MANIFEST" })
        #expect((secretData["properties"] as! [String: Any])["precision"] as? String == "medium")
    }
}

/// The pages that SARIF links (docs/rules/) are what the rule library says today.
@Suite("Rule pages")
struct RulePageTests {
    @Test("docs/rules holds exactly the generated pages: run `idlint rules docs docs/rules` after changing a rule")
    func pagesAreCurrent() throws {
        let folder = packageRoot.appendingPathComponent("docs/rules").path
        let pages = RulePages.pages(library, fixtures: RulePages.fixtures(under: packageRoot.appendingPathComponent("fixtures").path))
        let committed = Set(try FileManager.default.contentsOfDirectory(atPath: folder))
        #expect(committed == Set(pages.map(\.name)), "docs/rules has other files than the pages: regenerate them")
        for page in pages {
            let text = try? String(contentsOfFile: folder + "/" + page.name, encoding: .utf8)
            #expect(text == page.text, "docs/rules/\(page.name) is stale: run `idlint rules docs docs/rules`")
        }
    }

    @Test("a page says what the rule reads, why, how to fix and accept it, its controls and its fixtures")
    func pageContent() throws {
        let pages = RulePages.pages(library, fixtures: RulePages.fixtures(under: packageRoot.appendingPathComponent("fixtures").path))
        let page = try #require(pages.first { $0.name == "K8S-SECRETS-READ.md" }?.text)
        #expect(page.hasPrefix("# K8S-SECRETS-READ: "))
        #expect(page.contains("| Severity | high |"))
        #expect(page.contains("## How to fix it"))
        #expect(page.contains("| CIS-K8S-1.10:5.1.2 | Minimize access to secrets |"))
        #expect(page.contains("(../../fixtures/kubernetes/K8S-SECRETS-READ/positive/backup-clusterrole.yaml)"))
        #expect(page.contains("# idlint:ignore K8S-SECRETS-READ reason="))
        let index = try #require(pages.first { $0.name == "README.md" }?.text)
        #expect(index.contains("| [K8S-SECRETS-READ](K8S-SECRETS-READ.md) | high | kubernetes |"))
    }
}
