/// Fingerprints identify a finding across edits: rule, document kind, logical path
/// (namespace, name, the element's path inside the object) and the evidence's hash.
/// No line numbers, so moving or reformatting a block keeps the fingerprint. Redacted
/// evidence counts without its run-keyed id (`Redaction.stable`), so a fingerprint is the
/// same in every run and says nothing a dictionary could test a guessed secret against.
public enum Fingerprint {
    public static func make(ruleID: String, documentKind: String, logicalPath: String, evidence: String?) -> String {
        let material = [ruleID, documentKind, logicalPath, Redaction.stable(evidence ?? "")].joined(separator: "\u{1F}")
        return String(SHA256.hex(Array(material.utf8)).prefix(32))
    }
}
