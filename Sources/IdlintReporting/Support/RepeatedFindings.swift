import FoundationEssentials
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
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
        // Read in place: a copy of each finding retained and released all its texts.
        all.withUnsafeBufferPointer { findings in repeatIndices.prefix(limit).map { Self.place(of: findings.baseAddress! + $0) } }
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
        var groups: [RepeatedFinding] = []
        findings.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            var indexByKey: [GroupKey: Int] = [:]
            for index in buffer.indices where include(base + index) {
                let key = GroupKey(base + index)
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

    /// A finding's rule, severity and message, read where the finding is: a key that held
    /// copies of the two texts retained and released them at every hash and comparison,
    /// the larger part of grouping a large report. Valid while the findings are.
    private struct GroupKey: Hashable {
        let finding: UnsafePointer<Finding>
        let hash: Int

        init(_ finding: UnsafePointer<Finding>) {
            self.finding = finding
            var hasher = Hasher()
            hasher.combine(finding.pointee.severity)
            Self.combine(finding.pointee.ruleID, into: &hasher)
            Self.combine(finding.pointee.message, into: &hasher)
            hash = hasher.finalize()
        }

        static func == (left: GroupKey, right: GroupKey) -> Bool {
            left.hash == right.hash && left.finding.pointee.severity == right.finding.pointee.severity
                && sameBytes(left.finding.pointee.ruleID, right.finding.pointee.ruleID) && sameBytes(left.finding.pointee.message, right.finding.pointee.message)
        }

        func hash(into hasher: inout Hasher) {
            hasher.combine(hash)
        }

        private static func sameBytes(_ left: String, _ right: String) -> Bool {
            bytes(of: left) { one in
                bytes(of: right) { other in one.count == other.count && (one.isEmpty || memcmp(one.baseAddress!, other.baseAddress!, one.count) == 0) }
            }
        }

        private static func combine(_ text: String, into hasher: inout Hasher) {
            bytes(of: text) { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
            // No UTF-8 text holds 0xFF: it ends one text, so two texts cannot run together.
            hasher.combine(0xFF as UInt8)
        }

        /// The text's UTF-8 where it is stored (every native string), else in a copy.
        private static func bytes<Result>(of text: String, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
            if let result = text.utf8.withContiguousStorageIfAvailable(body) { return result }
            var copy = text
            return copy.withUTF8(body)
        }
    }

    /// `file:line:column`, with the environment when the place has one.
    static func place(of finding: Finding) -> String {
        withUnsafePointer(to: finding) { place(of: $0) }
    }

    static func place(of finding: UnsafePointer<Finding>) -> String {
        let start = finding.pointee.location.span.start
        let environment = finding.pointee.environment.map { " [\($0)]" } ?? ""
        return "\(finding.pointee.location.file):\(start.line):\(start.column)\(environment)"
    }
}
