/// Fingerprints identify a finding across edits: rule, document kind, logical path
/// (namespace, name, the element's path inside the object) and the evidence's hash.
/// No line numbers, so moving or reformatting a block keeps the fingerprint, while a
/// different secret on the same line gets a new one.
public enum Fingerprint {
    public static func make(ruleID: String, documentKind: String, logicalPath: String, evidence: String?) -> String {
        let material = [ruleID, documentKind, logicalPath, evidence ?? ""].joined(separator: "\u{1F}")
        return String(SHA256.hex(Array(material.utf8)).prefix(32))
    }
}
