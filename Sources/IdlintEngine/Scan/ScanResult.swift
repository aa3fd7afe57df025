/// What a scan found, what it could not read, and what it covered.
public struct ScanResult: Sendable {
    public var findings: [Finding]
    public var diagnostics: [Diagnostic]
    public var statistics: ScanStatistics
    /// The rules that ran, for reports that list them.
    public var rules: [Rule]
    /// The merged facts, kept only when the configuration asks (diff mode needs them).
    public var model: IdentityModel?

    public init(findings: [Finding], diagnostics: [Diagnostic], statistics: ScanStatistics, rules: [Rule]) {
        self.findings = findings
        self.diagnostics = diagnostics
        self.statistics = statistics
        self.rules = rules
    }

    /// Inputs that could not be parsed count as failures: an unreadable policy is not a safe one.
    public var hasErrors: Bool { diagnostics.contains { $0.level == .error } }

    public func fails(at threshold: Severity) -> Bool {
        hasErrors || countFindings { $0.pointee.severity >= threshold && !$0.pointee.isSuppressed } > 0
    }

    /// Findings that no suppression covers: the ones that count.
    public var activeFindings: [Finding] { findings.filter { !$0.isSuppressed } }

    /// How many findings count, without copying them out as `activeFindings` does.
    public var activeCount: Int { countFindings { !$0.pointee.isSuppressed } }

    public var suppressedCount: Int { countFindings { $0.pointee.isSuppressed } }

    /// Unsuppressed findings of a severity.
    public func count(of severity: Severity) -> Int {
        countFindings { $0.pointee.severity == severity && !$0.pointee.isSuppressed }
    }

    /// Counts findings where they lie: `count(where:)` hands each one over as a copy,
    /// retaining and releasing all its strings, and reports count five severities.
    @inline(__always)
    private func countFindings(where test: (UnsafePointer<Finding>) -> Bool) -> Int {
        findings.withUnsafeBufferPointer { buffer in
            guard let first = buffer.baseAddress else { return 0 }
            var count = 0
            for index in buffer.indices where test(first + index) { count += 1 }
            return count
        }
    }
}

public struct ScanStatistics: Sendable {
    public var filesScanned = 0
    /// Files read that hold identity configuration idlint recognises.
    public var filesRecognised = 0
    /// Files read and parsed that hold none (a values file, an unrelated manifest):
    /// scanned, not silently skipped, so a user can tell "clean" from "not understood".
    public var filesNotRecognised: [String] = []
    /// What discovery left out on purpose (excluded or ignored folders and candidate
    /// files, `.git/` and `.terraform/`), so a user can see what a pass did not cover.
    public var pathsExcluded: [String] = []
    public var bytesScanned = 0
    public var documents = 0
    /// Identity objects recognised, by kind.
    public var objectsByKind: [String: Int] = [:]
    /// Platforms whose grants the scan read (roles and bindings, policies, role
    /// definitions): where grant rules met input they apply to.
    public var grantPlatforms: Set<Platform> = []
    public var seconds = 0.0
    /// Wall time of each stage of the scan, in order, for the benchmark.
    public var phaseSeconds: [(phase: String, seconds: Double)] = []

    public init() {}

    mutating func count(file: String, recognised: Bool) {
        if recognised { filesRecognised += 1 } else { filesNotRecognised.append(file) }
    }

    mutating func add(_ other: ScanStatistics) {
        filesScanned += other.filesScanned
        filesRecognised += other.filesRecognised
        filesNotRecognised += other.filesNotRecognised
        pathsExcluded += other.pathsExcluded
        bytesScanned += other.bytesScanned
        documents += other.documents
        objectsByKind.merge(other.objectsByKind, uniquingKeysWith: +)
        grantPlatforms.formUnion(other.grantPlatforms)
    }
}
