import FoundationEssentials
import X509

/// Reads certificates written as base64 DER (SAML `ds:X509Certificate`, JWKS `x5c`) or
/// PEM. swift-certificates reads them first; what it refuses (weak keys, odd encodings)
/// is read field by field with swift-asn1, so the certificates most worth reporting are
/// still described. Readings are memoised by text: federation metadata repeats the
/// same certificate across roles and entities, and several rules ask about each one.
public enum CertificateDecoder {
    /// Longest certificate text read; real ones are a few KB.
    static let maxTextBytes = 64 * 1024

    public static func read(_ text: String) -> CertificateReading {
        if let known = cache.withLock({ $0[text] }) { return known }
        let reading = decode(text)
        cache.withLock { entries in
            // A bounded memo: a long-running server never grows without end.
            if entries.count >= 4_096 { entries.removeAll(keepingCapacity: true) }
            entries[text] = reading
        }
        return reading
    }

    private static let cache = Locked<[String: CertificateReading]>([:])

    /// Reads one certificate without the memo (fuzzing, and the memo's misses).
    public static func decode(_ text: String) -> CertificateReading {
        guard text.utf8.count <= maxTextBytes else { return .unreadable("longer than \(maxTextBytes / 1024) KB") }
        // Bytes, not Characters: this runs on every certificate of a federation feed.
        var body = Array(text.utf8)
        if body.contains(UInt8(ascii: "-")), let inner = pemBody(body) { body = inner }
        let compact = body.filter { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }
        guard !compact.isEmpty, let data = Data(base64Encoded: Data(compact)) else { return .unreadable("not base64") }
        let der = [UInt8](data)
        let fields: CertificateFields
        do {
            fields = try CertificateFields(der: der)
        } catch {
            return .unreadable("not an X.509 certificate (\(error))")
        }
        // The subject is always written the way people read it (CN first), whichever reader.
        var refusal: String?
        var notBefore = fields.notBefore
        var notAfter = fields.notAfter
        do {
            let certificate = try Certificate(derEncoded: der)
            notBefore = certificate.notValidBefore
            notAfter = certificate.notValidAfter
        } catch {
            refusal = "\(error)"
        }
        guard let notBefore, let notAfter else { return .unreadable("its validity dates cannot be read") }
        return .read(CertificateFacts(
            subject: fields.subject, notBefore: notBefore, notAfter: notAfter, keyAlgorithm: fields.keyAlgorithm, keyBits: fields.keyBits,
            isRSA: fields.isRSA, signatureAlgorithm: fields.signatureAlgorithm, hasWeakSignature: fields.hasWeakSignature, strictReaderRefusal: refusal
        ))
    }

    /// The base64 between PEM's BEGIN and END CERTIFICATE lines.
    private static func pemBody(_ bytes: [UInt8]) -> [UInt8]? {
        let begin = Array("-----BEGIN CERTIFICATE-----".utf8), end = Array("-----END CERTIFICATE-----".utf8)
        guard let start = firstIndex(of: begin, in: bytes, from: 0), let stop = firstIndex(of: end, in: bytes, from: start + begin.count) else { return nil }
        return Array(bytes[(start + begin.count)..<stop])
    }

    private static func firstIndex(of needle: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard needle.count <= bytes.count else { return nil }
        var index = start
        while index + needle.count <= bytes.count {
            if bytes[index] == needle[0], bytes[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }
}
