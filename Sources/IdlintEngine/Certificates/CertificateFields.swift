import FoundationEssentials
import SwiftASN1

/// The fields of an X.509 certificate read with swift-asn1 alone (RFC 5280, section
/// 4.1), with no judgement of key sizes or algorithms: the reader of last resort, and
/// the one that measures keys and names algorithms for every certificate.
struct CertificateFields {
    var subject: String
    var notBefore: Date?
    var notAfter: Date?
    var keyAlgorithm: String
    var keyBits: Int?
    var isRSA: Bool
    var signatureAlgorithm: String
    var hasWeakSignature: Bool

    struct Malformed: Error, CustomStringConvertible {
        var description: String
    }

    init(der: [UInt8]) throws {
        let root = try DER.parse(der)
        // Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm, signatureValue }
        let certificate = try Self.children(of: root, "Certificate")
        guard certificate.count >= 2 else { throw Malformed(description: "a Certificate has three parts") }
        let signatureOID = try Self.algorithmOID(certificate[1])
        signatureAlgorithm = Self.signatureNames[signatureOID] ?? signatureOID
        hasWeakSignature = Self.weakSignatures.contains(signatureOID)

        // TBSCertificate ::= SEQUENCE { [0] version OPTIONAL, serialNumber, signature,
        //   issuer, validity, subject, subjectPublicKeyInfo, ... }
        var tbs = try Self.children(of: certificate[0], "TBSCertificate")
        if let first = tbs.first, first.identifier.tagClass == .contextSpecific, first.identifier.tagNumber == 0 { tbs.removeFirst() }
        guard tbs.count >= 6 else { throw Malformed(description: "a TBSCertificate needs serial, algorithm, issuer, validity, subject and key") }
        let validity = try Self.children(of: tbs[3], "Validity")
        notBefore = validity.first.flatMap(Self.date)
        notAfter = validity.dropFirst().first.flatMap(Self.date)
        subject = Self.distinguishedName(tbs[4])

        // SubjectPublicKeyInfo ::= SEQUENCE { algorithm AlgorithmIdentifier, subjectPublicKey BIT STRING }
        let keyInfo = try Self.children(of: tbs[5], "SubjectPublicKeyInfo")
        guard keyInfo.count == 2 else { throw Malformed(description: "a SubjectPublicKeyInfo has two parts") }
        let algorithm = try Self.children(of: keyInfo[0], "AlgorithmIdentifier")
        let keyOID = try Self.oid(algorithm[0])
        isRSA = keyOID == "1.2.840.113549.1.1.1"
        switch keyOID {
        case "1.2.840.113549.1.1.1":
            keyAlgorithm = "RSA"
            keyBits = Self.rsaModulusBits(keyInfo[1])
        case "1.2.840.10045.2.1":
            let curve = algorithm.count > 1 ? (try? Self.oid(algorithm[1])) : nil
            let named = curve.flatMap { Self.curves[$0] }
            keyAlgorithm = "EC " + (named?.name ?? curve ?? "unknown curve")
            keyBits = named?.bits
        case "1.3.101.112":
            keyAlgorithm = "Ed25519"
            keyBits = 256
        case "1.3.101.113":
            keyAlgorithm = "Ed448"
            keyBits = 456
        default:
            keyAlgorithm = keyOID
            keyBits = nil
        }
    }

    private static func children(of node: ASN1Node, _ what: String) throws -> [ASN1Node] {
        guard case .constructed(let nodes) = node.content else { throw Malformed(description: "\(what) is not a SEQUENCE") }
        return Array(nodes)
    }

    private static func oid(_ node: ASN1Node) throws -> String {
        try ASN1ObjectIdentifier(derEncoded: node).description
    }

    private static func algorithmOID(_ node: ASN1Node) throws -> String {
        guard let first = try children(of: node, "AlgorithmIdentifier").first else { throw Malformed(description: "an empty AlgorithmIdentifier") }
        return try oid(first)
    }

    /// UTCTime or GeneralizedTime, in UTC.
    private static func date(_ node: ASN1Node) -> Date? {
        if let time = try? UTCTime(derEncoded: node) {
            return UTCMoment.moment(year: time.year, month: time.month, day: time.day, hour: time.hours, minute: time.minutes, second: time.seconds)
        }
        if let time = try? GeneralizedTime(derEncoded: node) {
            return UTCMoment.moment(year: time.year, month: time.month, day: time.day, hour: time.hours, minute: time.minutes, second: time.seconds)
        }
        return nil
    }

    /// "CN=idp.example.org, O=Example": the attributes people recognise, in order.
    private static func distinguishedName(_ node: ASN1Node) -> String {
        guard case .constructed(let sets) = node.content else { return "" }
        var parts: [String] = []
        for set in sets {
            guard case .constructed(let attributes) = set.content else { continue }
            for attribute in attributes {
                guard case .constructed(let pair) = attribute.content else { continue }
                let values = Array(pair)
                guard values.count == 2, let type = try? oid(values[0]), let label = attributeLabels[type],
                      case .primitive(let bytes) = values[1].content else { continue }
                parts.append("\(label)=\(String(decoding: bytes, as: UTF8.self))")
            }
        }
        return parts.joined(separator: ", ")
    }

    /// The modulus length of an RSAPublicKey held in the BIT STRING.
    private static func rsaModulusBits(_ bitString: ASN1Node) -> Int? {
        guard case .primitive(let bytes) = bitString.content, bytes.count > 1, bytes.first == 0,
              let key = try? DER.parse(Array(bytes.dropFirst())), case .constructed(let parts) = key.content,
              let modulus = parts.first(where: { _ in true }), case .primitive(let digits) = modulus.content else { return nil }
        let significant = digits.drop { $0 == 0 }
        guard let top = significant.first else { return 0 }
        return (significant.count - 1) * 8 + (8 - top.leadingZeroBitCount)
    }

    static let attributeLabels: [String: String] = [
        "2.5.4.3": "CN", "2.5.4.10": "O", "2.5.4.11": "OU", "2.5.4.6": "C", "2.5.4.7": "L", "2.5.4.8": "ST",
    ]

    static let curves: [String: (name: String, bits: Int)] = [
        "1.2.840.10045.3.1.7": ("P-256", 256), "1.3.132.0.34": ("P-384", 384), "1.3.132.0.35": ("P-521", 521), "1.3.132.0.10": ("secp256k1", 256),
    ]

    static let signatureNames: [String: String] = [
        "1.2.840.113549.1.1.2": "md2WithRSAEncryption", "1.2.840.113549.1.1.4": "md5WithRSAEncryption",
        "1.2.840.113549.1.1.5": "sha1WithRSAEncryption", "1.3.14.3.2.29": "sha1WithRSASignature",
        "1.2.840.10040.4.3": "dsa-with-sha1", "1.2.840.10045.4.1": "ecdsa-with-SHA1",
        "1.2.840.113549.1.1.14": "sha224WithRSAEncryption", "1.2.840.113549.1.1.11": "sha256WithRSAEncryption",
        "1.2.840.113549.1.1.12": "sha384WithRSAEncryption", "1.2.840.113549.1.1.13": "sha512WithRSAEncryption",
        "1.2.840.113549.1.1.10": "RSASSA-PSS", "1.2.840.10045.4.3.2": "ecdsa-with-SHA256", "1.2.840.10045.4.3.3": "ecdsa-with-SHA384",
        "1.2.840.10045.4.3.4": "ecdsa-with-SHA512", "1.3.101.112": "Ed25519", "1.3.101.113": "Ed448",
    ]

    /// MD2, MD5 and SHA-1 signatures: collisions can be computed.
    static let weakSignatures: Set<String> = [
        "1.2.840.113549.1.1.2", "1.2.840.113549.1.1.4", "1.2.840.113549.1.1.5", "1.3.14.3.2.29", "1.2.840.10040.4.3", "1.2.840.10045.4.1",
    ]
}
