import Foundation
import Testing
@testable import IdlintEngine
@testable import IdlintReporting

@Suite("SARIF")
struct SARIFReporterTests {
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
}
