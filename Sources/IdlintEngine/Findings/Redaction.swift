/// Secrets never leave idlint whole. A redacted value keeps at most four leading
/// characters (never more than a quarter of it) and a short hash, enough to tell two
/// secrets apart and find the one to rotate, too little to use.
public enum Redaction {
    public static func redact(_ secret: String) -> String {
        let characters = Array(secret)
        let keep = min(4, characters.count / 4)
        let prefix = String(characters.prefix(keep))
        let hash = SHA256.hex(Array(secret.utf8)).prefix(8)
        return "\(prefix)…[redacted \(characters.count) chars, sha256:\(hash)]"
    }
}
