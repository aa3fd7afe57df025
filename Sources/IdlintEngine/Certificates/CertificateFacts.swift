import FoundationEssentials

/// What idlint needs to know about an X.509 certificate to judge it: who it names, when
/// it is valid, its key and how it is signed.
public struct CertificateFacts: Sendable, Equatable {
    public var subject: String
    public var notBefore: Date
    public var notAfter: Date
    /// `RSA`, `EC P-256`, `Ed25519`, or the algorithm's OID when it is none of those.
    public var keyAlgorithm: String
    public var keyBits: Int?
    public var isRSA: Bool
    /// `sha256WithRSAEncryption`, `ecdsa-with-SHA256` ..., or the OID.
    public var signatureAlgorithm: String
    /// Signed with MD2, MD5 or SHA-1, for which collisions can be made.
    public var hasWeakSignature: Bool
    /// Why swift-certificates refused the certificate, when it had to be read with
    /// swift-asn1 alone (a 1024-bit RSA key, for one).
    public var strictReaderRefusal: String?

    public var validityDays: Double {
        notAfter.timeIntervalSince(notBefore) / 86_400
    }

    /// "CN=idp.example.org, valid until 2027-08-31, RSA 2048 bits, sha256WithRSAEncryption".
    public var summary: String {
        let key = keyBits.map { "\(keyAlgorithm) \($0) bits" } ?? keyAlgorithm
        return "\(subject.isEmpty ? "(no subject)" : subject), valid until \(SuppressionPolicy.day(notAfter)), \(key), \(signatureAlgorithm)"
    }
}

/// A certificate as read from configuration: its facts, or why it cannot be read.
public enum CertificateReading: Sendable, Equatable {
    case read(CertificateFacts)
    case unreadable(String)

    public var facts: CertificateFacts? {
        if case .read(let facts) = self { facts } else { nil }
    }
}
