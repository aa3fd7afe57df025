/// How bad a finding is. Ordered, so `--fail-on high` means high and critical.
public enum Severity: String, Sendable, CaseIterable, Comparable, Codable {
    case info
    case low
    case medium
    case high
    case critical

    public var rank: Int {
        switch self {
        case .info: 0
        case .low: 1
        case .medium: 2
        case .high: 3
        case .critical: 4
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }

    /// GitHub code scanning's `security-severity` score for this level.
    public var securityScore: String {
        switch self {
        case .critical: "9.5"
        case .high: "8.0"
        case .medium: "5.5"
        case .low: "3.0"
        case .info: "0.0"
        }
    }
}
