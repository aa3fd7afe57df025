import FoundationEssentials
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Whether a value holds a credential by what it contains, whatever its key is called:
/// the test behind `{content: credential}`. Like the rules' key-name globs, it looks for
/// what credentials look like, never for what they are not:
///
/// - a PEM private key (`-----BEGIN ... PRIVATE KEY-----`);
/// - a token in a format its issuer publishes (`ghp_`, `github_pat_`, `glpat-`, `xoxb-`,
///   `sk_live_`, `AKIA` and the others in `tokenPrefixes`), or a webhook address whose
///   path is the secret (`secretURLs`);
/// - a URL that carries a password (`postgres://app:s3cret@db/app`);
/// - text that sets a credential-named key (`password: ...`, `"client_secret": "..."`,
///   `API_TOKEN=...`), as configuration files inside a Secret do, unless the value is a
///   placeholder (`${DB_PASSWORD}`, `<token>`, `{{ .Values.x }}`) or a boolean;
/// - a random-looking token: one word of 20 or more characters that mixes upper case,
///   lower case and digits the way random text does (not the way names such as
///   `Prod2024EuropeCluster` do), or 32 or more hexadecimal digits.
///
/// Base64 text (a Secret's `data`) is judged by what it decodes to: text as text, and
/// 16 or more bytes of binary as key material. No regular expressions: each check walks
/// the text once.
enum CredentialContent {
    static func holdsCredential(_ raw: String) -> Bool {
        let text = raw.trimmingWhitespace()
        guard !text.isEmpty else { return false }
        switch decodedBase64(text) {
        case .text(let decoded): return judge(decoded)
        case .binary(let bytes) where bytes >= 16: return true
        default: return judge(text)
        }
    }

    /// The checks on text, decoded or not.
    static func judge(_ text: String) -> Bool {
        if text.count > 1 << 20 { return false }
        return holdsPrivateKey(text) || holdsIssuedToken(text) || holdsURLPassword(text) || setsCredentialKey(text) || isRandomToken(text)
    }

    // MARK: - Base64

    enum Decoded { case text(String), binary(Int), notBase64 }

    /// Strict base64 (length a multiple of four, padding only at the end), whitespace
    /// ignored: text when it decodes to printable UTF-8, else the number of bytes.
    static func decodedBase64(_ text: String) -> Decoded {
        let compact = text.filter { !$0.isWhitespace }
        guard compact.count >= 8, compact.count % 4 == 0,
              compact.utf8.allSatisfy({ byte in
                  (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")) || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
                      || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "/")
                      || byte == UInt8(ascii: "=")
              }),
              let data = Data(base64Encoded: compact)
        else { return .notBase64 }
        if let decoded = String(data: data, encoding: .utf8),
           decoded.unicodeScalars.allSatisfy({ $0.value >= 0x20 || $0 == "\n" || $0 == "\r" || $0 == "\t" }) {
            return .text(decoded)
        }
        return .binary(data.count)
    }

    // MARK: - Private keys

    static func holdsPrivateKey(_ text: String) -> Bool {
        text.contains("PRIVATE KEY-----") || text.contains("PRIVATE KEY BLOCK-----")
    }

    // MARK: - Issued tokens

    /// Prefixes that issuers put on their tokens, with the shortest length a token has
    /// (prefix included), so that a word that merely begins so is not taken for one.
    static let tokenPrefixes: [(prefix: String, minimumLength: Int)] = [
        ("ghp_", 36), ("gho_", 36), ("ghu_", 36), ("ghs_", 36), ("ghr_", 36), ("github_pat_", 40),
        ("glpat-", 26), ("xoxb-", 20), ("xoxp-", 20), ("xoxa-", 20), ("xoxs-", 20), ("xapp-", 20),
        ("sk_live_", 20), ("rk_live_", 20), ("sk-ant-", 30), ("sk-proj-", 30), ("npm_", 36), ("pypi-", 40),
        ("hvs.", 24), ("dop_v1_", 40), ("AIza", 39), ("ya29.", 30),
    ]

    /// Addresses whose path is itself the credential: whoever has the URL may post.
    static let secretURLs = ["hooks.slack.com/services/", "discord.com/api/webhooks/", "discordapp.com/api/webhooks/", ".webhook.office.com/webhookb2/"]

    static func holdsIssuedToken(_ text: String) -> Bool {
        if secretURLs.contains(where: text.contains) { return true }
        for word in words(of: text) {
            if tokenPrefixes.contains(where: { word.hasPrefix($0.prefix) && word.count >= $0.minimumLength }) { return true }
            // AWS access key ids: AKIA or ASIA and 16 upper-case letters or digits.
            if word.count == 20, word.hasPrefix("AKIA") || word.hasPrefix("ASIA"),
               word.utf8.allSatisfy({ ($0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z")) || ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) }) {
                return true
            }
        }
        return false
    }

    /// Runs of the characters tokens are made of.
    private static func words(of text: String) -> [Substring] {
        text.split { !($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" || $0 == ".") }
    }

    // MARK: - URLs with a password

    static func holdsURLPassword(_ text: String) -> Bool {
        var rest = text[...]
        while let scheme = rest.firstRange(of: "://") {
            let authority = rest[scheme.upperBound...].prefix { !$0.isWhitespace && $0 != "/" && $0 != "\"" && $0 != "'" }
            if let at = authority.lastIndex(of: "@"), let colon = authority[..<at].firstIndex(of: ":") {
                let password = authority[authority.index(after: colon)..<at]
                if !password.isEmpty, !isPlaceholder(password) { return true }
            }
            rest = rest[scheme.upperBound...]
        }
        return false
    }

    // MARK: - Credential-named keys in configuration text

    /// Last words of a key that name a credential: `basicAuthPassword`, `client_secret`,
    /// `API_TOKEN`. `tokenUrl`, `secretName` and `password_file` name something else.
    static let credentialWords: Set<String> = [
        "password", "passwd", "pwd", "pass", "passphrase", "secret", "token", "credential", "credentials", "auth", "authorization",
        "apikey", "accesskey", "secretkey", "privatekey",
    ]
    /// Words before a final `key` that make it a credential: `api_key`, `SECRET_ACCESS_KEY`.
    static let keyQualifiers: Set<String> = ["api", "access", "secret", "private", "signing", "encryption", "master", "client", "license", "account"]

    /// `bareKeyCounts`: in a tool's environment or headers, `OPENAI_KEY` or `X-Key` is a
    /// credential whatever its vendor word; in configuration data (`cache-key`,
    /// `sort_key`) a final `key` needs a qualifier that makes it one.
    static func isCredentialName(_ key: Substring, bareKeyCounts: Bool = false) -> Bool {
        let parts = nameWords(key)
        guard let last = parts.last else { return false }
        // `PGPASSWORD`, `MYSQLPASSWD`: a prefix glued to the word.
        if credentialWords.contains(last) || last.hasSuffix("password") || last.hasSuffix("passwd") { return true }
        return last == "key" && (bareKeyCounts || (parts.count >= 2 && keyQualifiers.contains(parts[parts.count - 2])))
    }

    /// A key's words in lower case: split at punctuation and where lower case turns upper.
    static func nameWords(_ key: Substring) -> [String] {
        var words: [String] = []
        var current = ""
        var previousWasLower = false
        for character in key {
            guard character.isLetter || character.isNumber else {
                if !current.isEmpty { words.append(current) }
                current = ""
                previousWasLower = false
                continue
            }
            if character.isUppercase, previousWasLower, !current.isEmpty {
                words.append(current)
                current = ""
            }
            current.append(contentsOf: character.lowercased())
            previousWasLower = character.isLowercase || character.isNumber
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    /// Some `key: value`, `key = value` or `"key": "value"` whose key names a credential
    /// and whose value is neither empty, nor a placeholder, nor a boolean, nor the start of
    /// a nested block (its own keys are judged where they are written).
    static func setsCredentialKey(_ text: String) -> Bool {
        let longest = 256
        let characters = Array(text.unicodeScalars)
        func isKeyCharacter(_ scalar: Unicode.Scalar) -> Bool {
            (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)) || scalar == "_" || scalar == "-" || scalar == "."
        }
        var index = 0
        while index < characters.count {
            defer { index += 1 }
            guard characters[index] == ":" || characters[index] == "=" else { continue }
            // `==` and `:=` are comparisons and assignments in code, `://` a URL.
            if index + 1 < characters.count, characters[index + 1] == "=" || characters[index + 1] == "/" { continue }
            // The key: back over spaces and a closing quote, then over its characters.
            var end = index
            while end > 0, characters[end - 1] == " " || characters[end - 1] == "\t" { end -= 1 }
            if end > 0, characters[end - 1] == "\"" || characters[end - 1] == "'" { end -= 1 }
            // Keys and values are read at most `longest` characters far, so that text made of
            // nothing but keys stays linear.
            var start = end
            while start > 0, end - start < longest, isKeyCharacter(characters[start - 1]) { start -= 1 }
            guard start < end else { continue }
            let key = Substring(String(String.UnicodeScalarView(characters[start..<end])))
            guard isCredentialName(key) else { continue }
            // The value: forward over spaces and an opening quote, up to where it ends.
            var valueStart = index + 1
            while valueStart < characters.count, characters[valueStart] == " " || characters[valueStart] == "\t" { valueStart += 1 }
            var quoted = false
            if valueStart < characters.count, characters[valueStart] == "\"" || characters[valueStart] == "'" {
                quoted = true
                valueStart += 1
            }
            var valueEnd = valueStart
            while valueEnd < characters.count, valueEnd - valueStart < longest {
                let scalar = characters[valueEnd]
                if scalar == "\n" || scalar == "\r" || scalar == "\"" || scalar == "'" { break }
                if !quoted, scalar == " " || scalar == "\t" || scalar == "," || scalar == "}" || scalar == "]" || scalar == "&" || scalar == ";" { break }
                valueEnd += 1
            }
            let value = Substring(String(String.UnicodeScalarView(characters[valueStart..<valueEnd])))
            if !value.isEmpty, !isPlaceholder(value) { return true }
        }
        return false
    }

    /// A value that stands for one given elsewhere, a boolean, an empty structure or the
    /// start of a nested one, or a masked value.
    static func isPlaceholder(_ value: Substring) -> Bool {
        let lowered = value.lowercased()
        if ["null", "~", "none", "nil", "true", "false", "yes", "no", "[]", "{}", "\"\"", "''"].contains(lowered) { return true }
        if let first = value.first, "$<{[%(#|>".contains(first) { return true }
        return value.allSatisfy { $0 == "*" || $0 == "x" || $0 == "X" || $0 == "." || $0 == "-" }
    }

    // MARK: - Random-looking tokens

    static func isRandomToken(_ text: String) -> Bool {
        guard !text.contains(where: \.isWhitespace), !text.contains("://") else { return false }
        let scalars = Array(text.unicodeScalars)
        if scalars.allSatisfy({ $0.properties.isASCIIHexDigit }) {
            return scalars.count >= 32 && entropy(scalars) >= 3.0
        }
        guard scalars.count >= 20 else { return false }
        enum Kind { case upper, lower, digit, other }
        func kind(_ scalar: Unicode.Scalar) -> Kind {
            if ("A"..."Z").contains(scalar) { return .upper }
            if ("a"..."z").contains(scalar) { return .lower }
            if ("0"..."9").contains(scalar) { return .digit }
            return .other
        }
        let kinds = scalars.map(kind)
        guard kinds.contains(.upper), kinds.contains(.lower), kinds.contains(.digit) else { return false }
        // Random text switches between upper case, lower case and digits at about six
        // pairs in ten; words and names (`ClusterIssuer-Prod2`) at three or fewer.
        var pairs = 0
        var switches = 0
        for index in kinds.indices.dropFirst() where kinds[index] != .other && kinds[index - 1] != .other {
            pairs += 1
            if kinds[index] != kinds[index - 1] { switches += 1 }
        }
        guard pairs >= 15, Double(switches) >= 0.4 * Double(pairs) else { return false }
        return entropy(scalars) >= 0.8 * log2(Double(min(scalars.count, 64)))
    }

    /// Shannon entropy in bits per character.
    static func entropy(_ scalars: [Unicode.Scalar]) -> Double {
        var counts: [Unicode.Scalar: Int] = [:]
        for scalar in scalars { counts[scalar, default: 0] += 1 }
        let total = Double(scalars.count)
        return counts.values.reduce(0) { sum, count in
            let share = Double(count) / total
            return sum - share * log2(share)
        }
    }
}
