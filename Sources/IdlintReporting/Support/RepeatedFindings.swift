import Foundation
import IdlintEngine
import IdlintSyntax

/// One finding as a reader sees it: the same rule saying the same thing, wherever it
/// is said. An operator that ships its install bundle in five variants, or a Kustomize
/// base built by three overlays, repeats each finding once per copy; a reader wants it
/// once, with the places. Text and Markdown show these groups; JSON and SARIF keep every
/// result, since tools count and track each place.
struct RepeatedFinding {
    /// The findings the groups were made from. A group names its places by position in
    /// them: grouping a large report copied every finding into its group, and that was
    /// the largest part of writing the terminal report.
    private let all: [Finding]
    /// Where the first place is among the findings grouped.
    let firstIndex: Int
    private var repeatIndices: [Int] = []

    /// The first place: where the group is shown. A copy; the terminal report, which
    /// shows every group of a large scan, reads it in place through `firstIndex`.
    var first: Finding { all[firstIndex] }
    /// How many other places say the same.
    var repeatCount: Int { repeatIndices.count }
    var count: Int { 1 + repeatIndices.count }

    /// The first `limit` other places as `file:line:column`, in the order given.
    func repeatedPlaces(limit: Int = .max) -> [String] {
        repeatIndices.prefix(limit).map { Self.place(of: all[$0]) }
    }

    /// Findings grouped by rule, severity and message, in the order of their first
    /// places (pass them sorted, as a scan result holds them), leaving out those
    /// `include` refuses. The message names the element and what it allows, so two
    /// findings with the same message tell the reader the same thing. Messages are
    /// compared byte for byte, not as canonically equivalent text: they carry names from
    /// the scanned files, and two names that differ only in Unicode normalisation are two
    /// objects to Kubernetes and to IAM, which compare names as bytes (this also spares
    /// the hashing its normalisation, a tenth of a large terminal report).
    static func grouping(_ findings: [Finding], where include: (UnsafePointer<Finding>) -> Bool = { _ in true }) -> [RepeatedFinding] {
        struct Key: Hashable {
            var ruleID: String
            var severity: Severity
            var message: String

            static func == (left: Key, right: Key) -> Bool {
                left.severity == right.severity && sameBytes(left.ruleID, right.ruleID) && sameBytes(left.message, right.message)
            }

            private static func sameBytes(_ left: String, _ right: String) -> Bool {
                var (left, right) = (left, right)
                return left.withUTF8 { one in
                    right.withUTF8 { other in one.count == other.count && (one.isEmpty || memcmp(one.baseAddress!, other.baseAddress!, one.count) == 0) }
                }
            }

            func hash(into hasher: inout Hasher) {
                hasher.combine(severity)
                Self.combine(ruleID, into: &hasher)
                Self.combine(message, into: &hasher)
            }

            private static func combine(_ text: String, into hasher: inout Hasher) {
                var text = text
                text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
                // No UTF-8 text holds 0xFF: it ends one text, so two texts cannot run together.
                hasher.combine(0xFF as UInt8)
            }
        }
        var groups: [RepeatedFinding] = []
        var indexByKey: [Key: Int] = [:]
        findings.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            for index in buffer.indices where include(base + index) {
                let finding = base + index
                let key = Key(ruleID: finding.pointee.ruleID, severity: finding.pointee.severity, message: finding.pointee.message)
                if let group = indexByKey[key] {
                    groups[group].repeatIndices.append(index)
                } else {
                    indexByKey[key] = groups.count
                    groups.append(RepeatedFinding(all: findings, firstIndex: index))
                }
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
