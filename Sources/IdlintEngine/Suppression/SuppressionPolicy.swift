import FoundationEssentials
import IdlintSyntax

/// Accepted risks and how they may be accepted: the suppression file entries, the
/// baseline, which rules inline comments may not suppress, and the date that decides
/// expiry. Applied once every finding is known.
public struct SuppressionPolicy: Sendable {
    var fileEntries: [SuppressionEntry] = []
    /// Fingerprints accepted by `idlint baseline`; a widened grant is not covered by the
    /// old entry, nor a replaced secret under a team redaction key (see `Redaction.stable`).
    public var baseline: Set<String> = []
    public var baselineSource: String?
    /// Suppression files read, as named: idlint's own files, which the change gate guards.
    public var sources: [String] = []
    /// Rules that inline comments may not suppress (`all` forbids inline suppression entirely).
    public var inlineForbidden: Set<String> = []
    /// Today as `YYYY-MM-DD` (UTC); suppressions expire after their date.
    public var today: String = SuppressionPolicy.currentDate()

    public init() {}

    public static func currentDate() -> String {
        day(Date())
    }

    /// A moment as its UTC day, `YYYY-MM-DD`: how suppressions, reports and certificate
    /// summaries write dates.
    public static func day(_ date: Date) -> String {
        UTCMoment.day(date)
    }

    /// Reads a `suppressions:` list (from `.idlint.yaml` or a suppression file).
    mutating func addEntries(_ list: Node) throws {
        guard list.isSequence else { throw DataFileError(list, "'suppressions' must be a list") }
        for node in list.elements {
            _ = try node.requireMapping("a suppression")
            try node.allowOnly(["rule", "path", "fingerprint", "reason", "owner", "expires"], in: "a suppression")
            let reason = try node.requiredString("reason")
            let expires = try node.optionalString("expires")
            if let expires, !SuppressionDates.isValid(expires) {
                throw DataFileError(node["expires"]!, "expires must be a YYYY-MM-DD date")
            }
            let rules = try node.stringList("rule") ?? []
            let path = try node.optionalString("path")
            let fingerprint = try node.optionalString("fingerprint")
            guard !rules.isEmpty || fingerprint != nil else {
                throw DataFileError(node, "a suppression needs a 'rule' or a 'fingerprint'")
            }
            let suppression = Suppression(kind: .external, justification: reason, owner: try node.optionalString("owner"), expires: expires, source: node.location)
            fileEntries.append(SuppressionEntry(suppression: suppression, rules: Set(rules), pathGlob: path.map { GlobPattern($0) }, fingerprint: fingerprint))
        }
    }

    /// Marks suppressed findings and reports suppressions that expired, went unused or
    /// are not allowed. Expired and forbidden ones suppress nothing.
    func apply(to findings: inout [Finding], inline: [SuppressionEntry]) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        var usable: [(entry: SuppressionEntry, used: Bool)] = []
        for entry in inline + fileEntries {
            let where_ = entry.suppression.source
            if entry.suppression.kind == .inSource, inlineForbidden.contains("all") || !entry.rules.isDisjoint(with: inlineForbidden) {
                diagnostics.append(Diagnostic(.warning, file: where_?.file ?? "?", at: where_?.span.start,
                                              "inline suppression of \(entry.rules.sorted().joined(separator: ", ")) is forbidden by the configuration; not applied"))
                continue
            }
            if entry.suppression.isExpired(today: today) {
                diagnostics.append(Diagnostic(.warning, file: where_?.file ?? "?", at: where_?.span.start,
                                              "suppression of \(entry.rules.sorted().joined(separator: ", ")) expired on \(entry.suppression.expires ?? "?"); its findings count again"))
                continue
            }
            usable.append((entry, false))
        }
        // Read once as bits: each finding's digits would otherwise be written out to compare.
        let accepted = Set(baseline.compactMap(Fingerprint.Value.init(hex:)))
        for index in findings.indices {
            if let match = usable.firstIndex(where: { $0.entry.covers(findings[index]) }) {
                findings[index].suppression = usable[match].entry.suppression
                usable[match].used = true
            } else if accepted.contains(findings[index].fingerprintValue) {
                findings[index].suppression = Suppression(kind: .baseline, justification: "accepted in the baseline \(baselineSource ?? "")")
            }
        }
        for (entry, used) in usable where !used {
            let where_ = entry.suppression.source
            diagnostics.append(Diagnostic(.warning, file: where_?.file ?? "?", at: where_?.span.start,
                                          "suppression of \(entry.rules.isEmpty ? "fingerprint \(entry.fingerprint ?? "?")" : entry.rules.sorted().joined(separator: ", ")) matched no finding; remove it"))
        }
        return diagnostics
    }
}
