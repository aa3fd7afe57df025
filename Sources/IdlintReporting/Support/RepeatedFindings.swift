import Foundation
import IdlintEngine
import IdlintSyntax

/// One finding as a reader sees it: the same rule saying the same thing, wherever it
/// is said. An operator that ships its install bundle in five variants, or a Kustomize
/// base built by three overlays, repeats each finding once per copy; a reader wants it
/// once, with the places. Text and Markdown show these groups; JSON and SARIF keep every
/// result, since tools count and track each place.
struct RepeatedFinding {
    /// The first place: where the group is shown.
    var first: Finding
    /// The other places, in the order given.
    var repeats: [Finding]

    var count: Int { 1 + repeats.count }

    /// Findings grouped by rule, severity and message, in the order of their first
    /// places (pass them sorted, as a scan result holds them). The message names the
    /// element and what it allows, so two findings with the same message tell the
    /// reader the same thing.
    static func grouping(_ findings: [Finding]) -> [RepeatedFinding] {
        struct Key: Hashable {
            var ruleID: String
            var severity: Severity
            var message: String
        }
        var groups: [RepeatedFinding] = []
        var indexByKey: [Key: Int] = [:]
        for finding in findings {
            let key = Key(ruleID: finding.ruleID, severity: finding.severity, message: finding.message)
            if let index = indexByKey[key] {
                groups[index].repeats.append(finding)
            } else {
                indexByKey[key] = groups.count
                groups.append(RepeatedFinding(first: finding, repeats: []))
            }
        }
        return groups
    }

    /// `file:line:column`, with the environment when the place has one.
    static func place(of finding: Finding) -> String {
        let start = finding.location.span.start
        let environment = finding.environment.map { " [\($0)]" } ?? ""
        return "\(finding.location.file):\(start.line):\(start.column)\(environment)"
    }
}
