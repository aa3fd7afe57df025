/// Fingerprints identify a finding across edits: rule, document kind, logical path
/// (namespace, name, the element's path inside the object) and the evidence's hash.
/// No line numbers, so moving or reformatting a block keeps the fingerprint. Redacted
/// evidence counts without its run-keyed id (`Redaction.stable`), so a fingerprint is the
/// same in every run and says nothing a dictionary could test a guessed secret against.
public enum Fingerprint {
    public static func make(ruleID: String, documentKind: String, logicalPath: String, evidence: String?) -> String {
        values(ruleID: ruleID, documentKind: documentKind, logicalPath: logicalPath, evidence: evidence).fingerprint.hex
    }

    /// The fingerprint, the first 128 bits of the SHA-256 of the material, and the
    /// identity: the fingerprint the same element has without evidence. Both at once, from
    /// one material, so that a finding can keep the two words of its identity rather than
    /// the logical path they are made from.
    static func values(ruleID: String, documentKind: String, logicalPath: String, evidence: String?) -> (fingerprint: Value, identity: Value) {
        var material: [UInt8] = []
        material.reserveCapacity(ruleID.utf8.count + documentKind.utf8.count + logicalPath.utf8.count + (evidence?.utf8.count ?? 0) + 3)
        material += ruleID.utf8
        material.append(0x1F)
        material += documentKind.utf8
        material.append(0x1F)
        material += logicalPath.utf8
        material.append(0x1F)
        let identity = Value(digest: SHA256.digest(material))
        let stable = Redaction.stable(evidence ?? "")
        guard !stable.isEmpty else { return (identity, identity) }
        material += stable.utf8
        return (Value(digest: SHA256.digest(material)), identity)
    }

    /// A fingerprint as two words. Every finding holds one, and as 32 hex digits it was
    /// a heap string of its own (a dense scan holds hundreds of thousands of findings).
    /// Ordered as its hex digits are.
    struct Value: Sendable, Hashable, Comparable {
        var high: UInt64
        var low: UInt64

        var hex: String {
            String(unsafeUninitializedCapacity: 32) { buffer in
                for index in 0..<32 {
                    let word = index < 16 ? high : low
                    let digit = UInt8(truncatingIfNeeded: word >> UInt64(60 - 4 * (index % 16))) & 0xF
                    buffer[index] = digit < 10 ? UInt8(ascii: "0") + digit : UInt8(ascii: "a") + digit - 10
                }
                return 32
            }
        }

        init(high: UInt64, low: UInt64) {
            self.high = high
            self.low = low
        }

        /// The first 128 bits of a digest.
        init(digest: [UInt8]) {
            func word(at start: Int) -> UInt64 { digest[start..<start + 8].reduce(0) { $0 << 8 | UInt64($1) } }
            self.init(high: word(at: 0), low: word(at: 8))
        }

        /// Reads the 32 lowercase hex digits a fingerprint prints as; nil for any other text,
        /// so that only a fingerprint written exactly as printed names it.
        init?(hex: String) {
            let digits = Array(hex.utf8)
            guard digits.count == 32 else { return nil }
            var words: (UInt64, UInt64) = (0, 0)
            for (index, digit) in digits.enumerated() {
                let value: UInt8
                switch digit {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): value = digit - UInt8(ascii: "0")
                case UInt8(ascii: "a")...UInt8(ascii: "f"): value = digit - UInt8(ascii: "a") + 10
                default: return nil
                }
                if index < 16 { words.0 = words.0 << 4 | UInt64(value) } else { words.1 = words.1 << 4 | UInt64(value) }
            }
            self.init(high: words.0, low: words.1)
        }

        static func < (lhs: Value, rhs: Value) -> Bool {
            (lhs.high, lhs.low) < (rhs.high, rhs.low)
        }
    }
}
