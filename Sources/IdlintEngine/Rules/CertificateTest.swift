import FoundationEssentials

/// What a rule can ask about a certificate (`certificate: expired`,
/// `certificate-expires-within-days: 30` ...). Time-dependent tests use the scan's clock.
public enum CertificateTest: Sendable {
    case expired
    /// Not yet expired, but expires within the bound in days.
    case expiresWithinDays(Threshold)
    /// An RSA key with a modulus shorter than the bound (other key types are not RSA).
    case rsaBitsBelow(Threshold)
    /// Signed with MD2, MD5 or SHA-1.
    case weakSignature
    /// Valid for longer than the bound in days: long-lived key material.
    case validityDaysAbove(Threshold)
    /// Not a certificate that can be read at all.
    case unreadable

    /// The keyword forms (`certificate: expired`).
    static let keywords: [String: CertificateTest] = ["expired": .expired, "weak-signature": .weakSignature, "unreadable": .unreadable]

    func holds(for reading: CertificateReading, now: Date?) -> Bool {
        guard let facts = reading.facts else {
            if case .unreadable = self { return true }
            return false
        }
        switch self {
        case .expired:
            guard let now else { return false }
            return facts.notAfter < now
        case .expiresWithinDays(let bound):
            guard let now, facts.notAfter >= now else { return false }
            return facts.notAfter.timeIntervalSince(now) / 86_400 < bound.value
        case .rsaBitsBelow(let bound):
            guard facts.isRSA, let bits = facts.keyBits else { return false }
            return Double(bits) < bound.value
        case .weakSignature:
            return facts.hasWeakSignature
        case .validityDaysAbove(let bound):
            return facts.validityDays > bound.value
        case .unreadable:
            return false
        }
    }

    var namesThreshold: Bool {
        switch self {
        case .expiresWithinDays(let bound), .rsaBitsBelow(let bound), .validityDaysAbove(let bound): bound.name != nil
        default: false
        }
    }

    func resolvingThresholds(_ resolve: (Threshold) throws -> Threshold) rethrows -> CertificateTest {
        switch self {
        case .expiresWithinDays(let bound): .expiresWithinDays(try resolve(bound))
        case .rsaBitsBelow(let bound): .rsaBitsBelow(try resolve(bound))
        case .validityDaysAbove(let bound): .validityDaysAbove(try resolve(bound))
        default: self
        }
    }
}
