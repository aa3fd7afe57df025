import Foundation
import Testing
@testable import IdlintEngine
@testable import IdlintReporting

@Suite("Framework reports")
struct FrameworkReportTests {
    /// A role whose name is markup and a spreadsheet formula: it must stay text everywhere.
    static let hostileRole = """
    apiVersion: rbac.authorization.k8s.io/v1
    kind: ClusterRole
    metadata:
      name: "=HYPERLINK(\\"http://x\\")<script>alert(1)</script>"
    rules:
      - apiGroups: ["*"]
        resources: ["*"]
        verbs: ["*"]
    """

    static func input(_ files: [String: String]) -> FrameworkReportInput {
        let scanner = IdentityScanner(library: library, configuration: ScanConfiguration())
        let result = scanner.scan(files: files.keys.sorted().map { InputFile(displayPath: $0, source: .content(Array(files[$0]!.utf8))) })
        return FrameworkReportInput(assessment: FrameworkAssessment.assess(result, library: library), library: library, inputs: ["rbac"],
                                    date: "2026-06-01", sourceRoot: "/")
    }

    @Test("every format names every control of every catalog with one of the four states", arguments: FrameworkReportFormat.allCases)
    func everyControl(format: FrameworkReportFormat) throws {
        let text = format.reporter.render(Self.input(["role.yaml": Self.hostileRole]))
        let states = FrameworkAssessment.ControlResult.Status.allCases.map(\.rawValue)
        for catalog in library.catalogs {
            for control in catalog.controls.prefix(3) {
                #expect(text.contains(control.id), "\(format): \(catalog.id) \(control.id) missing")
            }
        }
        #expect(states.filter { text.contains($0) }.count >= 3, "\(format) shows the states")
    }

    @Test("JSON is valid, with a status and counts for every control")
    func json() throws {
        let text = FrameworkJSONReporter().render(Self.input(["role.yaml": Self.hostileRole]))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(object["schema"] as? String == "idlint-framework-report/1")
        let frameworks = try #require(object["frameworks"] as? [[String: Any]])
        #expect(frameworks.count == library.catalogs.count)
        let controls = frameworks.flatMap { ($0["controls"] as? [[String: Any]]) ?? [] }
        #expect(controls.count == library.catalogs.reduce(0) { $0 + $1.controls.count })
        #expect(controls.allSatisfy { ["failing", "passing", "not assessed", "out of scope"].contains($0["status"] as? String ?? "") })
    }

    @Test("HTML is one self-contained page: no scripts, no network, markup from inputs escaped, the coverage picture drawn")
    func html() {
        let text = FrameworkHTMLReporter().render(Self.input(["role.yaml": Self.hostileRole]))
        #expect(text.hasPrefix("<!DOCTYPE html>"))
        #expect(!text.contains("<script"))
        #expect(text.contains("&lt;script&gt;"))
        #expect(!text.contains("src=\"http") && !text.contains("href=\"http") && !text.contains("@import"))
        #expect(text.contains("aria-label=\"Coverage matrix\""))
        #expect(text.contains("aria-label=\"Findings by control and severity\""))
    }

    @Test("CSV quotes fields and defuses formulas")
    func csv() {
        let text = FrameworkCSVReporter().render(Self.input(["role.yaml": Self.hostileRole]))
        let lines = text.split(separator: "\r\n")
        #expect(lines.first == "catalog,control,title,status,critical,high,medium,low,info,rules,reason")
        #expect(lines.count == 1 + library.catalogs.reduce(0) { $0 + $1.controls.count })
        #expect(FrameworkCSVReporter.field("=1+1") == "'=1+1")
        #expect(FrameworkCSVReporter.field("a,\"b\"") == "\"a,\"\"b\"\"\"")
    }

    @Test("SARIF carries the catalogs as taxonomies and each rule's controls as relationships")
    func sarifTaxonomies() throws {
        let text = SARIFReporter().render(ReportInput(result: sampleResult(), library: library, sourceRoot: "/"))
        let log = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        let taxonomies = try #require(run["taxonomies"] as? [[String: Any]])
        let nhi = try #require(taxonomies.firstIndex { $0["name"] as? String == "OWASP-NHI-2025" })
        #expect((taxonomies[nhi]["taxa"] as? [[String: Any]])?.contains { $0["id"] as? String == "NHI5" } == true)
        let rules = try #require(((run["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [[String: Any]])
        let relationships = rules.flatMap { ($0["relationships"] as? [[String: Any]]) ?? [] }
        #expect(relationships.contains { relationship in
            let target = relationship["target"] as? [String: Any]
            return target?["id"] as? String == "NHI5" && (target?["toolComponent"] as? [String: Any])?["index"] as? Int == nhi
        })
    }
}
