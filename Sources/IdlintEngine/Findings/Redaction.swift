import FoundationEssentials
import IdlintSyntax

/// Secrets never leave idlint whole, nor in a form a dictionary can reverse. This is the
/// one redactor: `Finding` and `Diagnostic`, the only carriers of scanned text into
/// reports, baselines, the change gate and MCP answers, pass their text through `scrub`
/// when they are made, and rules that point at secret values use `redact`.
///
/// A redacted value is named by an HMAC-SHA-256 under a key of this run (random, or the
/// `IDLINT_REDACTION_KEY` environment variable where a team wants the same name for the
/// same secret across runs): enough to tell two secrets of one report apart, useless to
/// someone guessing `Summer2024!` without the key. Only a long secret keeps its first
/// four characters, which name its format (`AKIA`, `ghp_`) and say which key to rotate;
/// a short one keeps nothing.
public enum Redaction {
    /// Secrets shorter than this keep no prefix at all.
    static let prefixMinimumLength = 24
    static let marker = "[redacted "

    /// Where a redacted value that starts at `index` ends, just past its closing bracket.
    /// Text is scrubbed more than once (evidence, then the message that quotes it), and a
    /// URL or a value ends at a space: read up to the marker's space, a redacted value was
    /// taken for a new one and redacted again, into a marker nested in a marker.
    static func redactedValueEnd(in text: String, at index: String.Index) -> String.Index? {
        var start = index
        if text[start] == "…" { start = text.index(after: start) }
        guard text[start...].hasPrefix(marker), let close = text[start...].firstIndex(of: "]") else { return nil }
        return text.index(after: close)
    }

    public static func redact(_ secret: String) -> String {
        let characters = Array(secret)
        let prefix = characters.count >= prefixMinimumLength ? String(characters.prefix(4)) : ""
        return "\(prefix)…\(marker)\(characters.count) chars, hmac:\(keyedID(secret))]"
    }

    /// The first 8 hex digits of the HMAC of `secret` under the run's key.
    static func keyedID(_ secret: String) -> String {
        let mac = HMAC.sha256(key: key, message: Array(secret.utf8))
        return mac.prefix(4).map { byte in
            let digits = Array("0123456789abcdef")
            return String([digits[Int(byte >> 4)], digits[Int(byte & 0xF)]])
        }.joined()
    }

    /// A team's own key, the same on every machine that shares a baseline.
    static let configuredKey: [UInt8]? = ProcessInfo.processInfo.environment["IDLINT_REDACTION_KEY"].flatMap { $0.isEmpty ? nil : Array($0.utf8) }

    static let key: [UInt8] = configuredKey ?? {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
    }()

    /// Text as fingerprints see it. Fingerprints are kept in baselines and compared across
    /// runs and machines, so a run's random key cannot be in them: without a team key a
    /// fingerprint names where a secret is and how long it is, not which secret (a
    /// replaced secret of the same length stays accepted by a baseline). With
    /// `IDLINT_REDACTION_KEY` the keyed id is stable, stays in, and a replaced secret is new.
    static func stable(_ text: String) -> String {
        guard configuredKey == nil, containsKeyedID(text) else { return text }
        var output = ""
        var rest = Substring(text)
        while let range = rest.firstRange(of: ", hmac:") {
            output += rest[..<range.lowerBound]
            rest = rest[range.upperBound...].drop { $0.isHexDigit }
        }
        return output + rest
    }

    /// Whether the text holds a redacted value's keyed id. Every finding's fingerprint
    /// asks, and Foundation's `contains` compared the text as Unicode, through `NSString`
    /// on Linux (4% of a scan dense in findings); the marker is idlint's own, so its bytes
    /// are what to look for.
    private static func containsKeyedID(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { UTF8Text.contains(keyedIDMarker, in: $0) }
    }

    private static let keyedIDMarker = Array(", hmac:".utf8)

    /// Free text with the secrets it may quote redacted: URL userinfo, query values and
    /// fragments that hold a value, and `key=value` pairs whose key names a secret. Already
    /// redacted values are left as they are, so scrubbing twice changes nothing.
    public static func scrub(_ text: String) -> String {
        guard mayQuoteSecret(text) else { return text }
        var output = ""
        var index = text.startIndex
        while index < text.endIndex {
            if let url = URLText.match(in: text, at: index) {
                output += url.redacted
                index = url.end
            } else if let pair = SecretPairText.match(in: text, at: index) {
                output += pair.redacted
                index = pair.end
            } else {
                output.append(text[index])
                index = text.index(after: index)
            }
        }
        return output
    }
}

/// Whether text holds a `://` or an `=`, without which there is nothing to scrub: a
/// byte scan, since nearly every message is clean and this runs for each of them.
func mayQuoteSecret(_ text: some StringProtocol) -> Bool {
    var last: (UInt8, UInt8) = (0, 0)
    for byte in text.utf8 {
        if byte == UInt8(ascii: "=") { return true }
        if byte == UInt8(ascii: "/"), last == (UInt8(ascii: ":"), UInt8(ascii: "/")) { return true }
        last = (last.1, byte)
    }
    return false
}

/// A URL inside free text, and its redacted form.
enum URLText {
    static func match(in text: String, at start: String.Index) -> (redacted: String, end: String.Index)? {
        // A scheme starts a word: letters, then `://`.
        guard text[start].isLetter, start == text.startIndex || !isSchemeCharacter(text[text.index(before: start)]) else { return nil }
        var cursor = start
        while cursor < text.endIndex, isSchemeCharacter(text[cursor]) { cursor = text.index(after: cursor) }
        guard text[cursor...].hasPrefix("://") else { return nil }
        let afterScheme = text.index(cursor, offsetBy: 3)
        var end = afterScheme
        while end < text.endIndex, !isTerminator(text[end]) {
            end = Redaction.redactedValueEnd(in: text, at: end) ?? text.index(after: end)
        }
        // Sentence punctuation after a URL is not part of it.
        while end > afterScheme, ".,;:)]}".contains(text[text.index(before: end)]) { end = text.index(before: end) }
        let scheme = text[start..<afterScheme]
        return (scheme + redactedRemainder(String(text[afterScheme..<end])), end)
    }

    private static func redactedRemainder(_ rest: String) -> String {
        var authorityEnd = rest.endIndex
        if let stop = rest.firstIndex(where: { "/?#".contains($0) }) { authorityEnd = stop }
        // A password with a raw '/', '?' or '#' in it (not valid, but written): when what
        // comes before the first '@' reads as user:password, all of it is userinfo.
        if let at = rest.firstIndex(of: "@"), at > authorityEnd, rest[..<at].contains(":") {
            authorityEnd = rest[at...].firstIndex(where: { "/?#".contains($0) }) ?? rest.endIndex
        }
        var authority = String(rest[..<authorityEnd])
        var tail = String(rest[authorityEnd...])
        if let at = authority.lastIndex(of: "@") {
            let userinfo = authority[..<at]
            let host = authority[authority.index(after: at)...]
            if let colon = userinfo.firstIndex(of: ":") {
                authority = userinfo[..<colon] + ":" + redactOnce(String(userinfo[userinfo.index(after: colon)...])) + "@" + host
            } else {
                authority = redactOnce(String(userinfo)) + "@" + host
            }
        }
        var fragment: String?
        if let hash = tail.firstIndex(of: "#") {
            fragment = String(tail[tail.index(after: hash)...])
            tail = String(tail[..<hash])
        }
        if let question = tail.firstIndex(of: "?") {
            let query = tail[tail.index(after: question)...]
            tail = tail[...question] + redactedPairs(String(query))
        }
        if let fragment {
            tail += "#" + (fragment.contains("=") ? redactedPairs(fragment) : isReadableName(fragment) ? fragment : redactOnce(fragment))
        }
        return authority + tail
    }

    /// `a=1&b=2` with every non-empty value redacted; names stay, they say what was there.
    private static func redactedPairs(_ query: String) -> String {
        query.split(separator: "&", omittingEmptySubsequences: false).map { pair in
            guard let equals = pair.firstIndex(of: "=") else { return String(pair) }
            let value = pair[pair.index(after: equals)...]
            return value.isEmpty ? String(pair) : pair[...equals] + redactOnce(String(value))
        }.joined(separator: "&")
    }

    /// A fragment that names something (`xmldsig#rsa-sha1`, `#enveloped-signature`,
    /// `#/definitions/role`) rather than carrying a value: short words of letters and
    /// digits between separators. It stays, since it is often what a finding is about (which
    /// algorithm is weak): the words of such names are short (`sha256`, `MGF1`). A word of
    /// eight or more with a digit in it reads as a token or a password, as does any other
    /// character or a run of 32 letters; those are redacted.
    static func isReadableName(_ fragment: String) -> Bool {
        guard fragment.utf8.count <= 64 else { return false }
        let separators = Set("-_./:")
        guard fragment.allSatisfy({ ($0.isASCII && ($0.isLetter || $0.isNumber)) || separators.contains($0) }) else { return false }
        return fragment.split(whereSeparator: { separators.contains($0) }).allSatisfy { word in
            word.count < 32 && !(word.count >= 8 && word.contains(where: \.isNumber))
        }
    }

    static func redactOnce(_ value: String) -> String {
        value.contains(Redaction.marker) ? value : Redaction.redact(value)
    }

    private static func isSchemeCharacter(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isNumber || "+-.".contains(character))
    }

    private static func isTerminator(_ character: Character) -> Bool {
        character.isWhitespace || "\"'<>`|\\".contains(character)
    }
}

/// `password=...`, `API_KEY=...`, `client_secret=...` in free text.
enum SecretPairText {
    static let secretWords = ["password", "passwd", "pwd", "secret", "token", "apikey", "api_key", "api-key", "accesskey", "access_key",
                              "private_key", "privatekey", "credential"]
    /// Values that name a setting rather than hold a secret (`automountServiceAccountToken=false`).
    static let plainValues: Set<String> = ["true", "false", "null", "none", "yes", "no", "on", "off", "*", "\"\""]

    static func match(in text: String, at start: String.Index) -> (redacted: String, end: String.Index)? {
        guard text[start].isLetter || text[start] == "_",
              start == text.startIndex || !isKeyCharacter(text[text.index(before: start)]) else { return nil }
        var cursor = start
        while cursor < text.endIndex, isKeyCharacter(text[cursor]) { cursor = text.index(after: cursor) }
        let keyEnd = cursor
        // `key=value`, `key = value`, `key="value"`, `key = 'value'`.
        while cursor < text.endIndex, text[cursor] == " " { cursor = text.index(after: cursor) }
        guard cursor < text.endIndex, text[cursor] == "=" else { return nil }
        let key = text[start..<keyEnd].lowercased()
        guard secretWords.contains(where: { key.contains($0) }) else { return nil }
        var valueStart = text.index(after: cursor)
        while valueStart < text.endIndex, text[valueStart] == " " { valueStart = text.index(after: valueStart) }
        var end = valueStart
        if valueStart < text.endIndex, let quote = text[valueStart] == "\"" ? "\"" : (text[valueStart] == "'" ? "'" : nil) as Character? {
            // A quoted value runs to its closing quote, spaces and all.
            valueStart = text.index(after: valueStart)
            end = valueStart
            while end < text.endIndex, text[end] != quote { end = text.index(after: end) }
        } else {
            while end < text.endIndex, !text[end].isWhitespace, !"\"'<>`&,;".contains(text[end]) {
                end = Redaction.redactedValueEnd(in: text, at: end) ?? text.index(after: end)
            }
        }
        guard end > valueStart else { return nil }
        let value = text[valueStart..<end]
        if plainValues.contains(value.lowercased()) || value.hasPrefix("${") || value.hasPrefix("$(") { return nil }
        return (text[start..<valueStart] + URLText.redactOnce(String(value)), end)
    }

    private static func isKeyCharacter(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isNumber || "_-.".contains(character))
    }
}

/// HMAC (RFC 2104) over the project's SHA-256.
enum HMAC {
    static func sha256(key: [UInt8], message: [UInt8]) -> [UInt8] {
        let blockSize = 64
        var block = key.count > blockSize ? SHA256.digest(key) : key
        block += [UInt8](repeating: 0, count: blockSize - block.count)
        let inner = SHA256.digest(block.map { $0 ^ 0x36 } + message)
        return SHA256.digest(block.map { $0 ^ 0x5C } + inner)
    }
}
