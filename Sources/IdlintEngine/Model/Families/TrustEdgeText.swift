/// How a trust edge names what it reaches, so that the same edge reads the same on both
/// sides of a change and never carries a secret: a remote server by its origin (scheme,
/// host and port: a new path on the same host is no new trust, credentials in the
/// userinfo or query are never kept), a command by its words with the ones that hold or
/// follow a credential replaced by their run-keyed hash, a value that refers to a secret
/// by its references (`${input:jira-token}`), never by what they resolve to.
enum TrustEdgeText {
    /// `https://user:pw@api.example.com:6443/path?q` is `https://api.example.com:6443`.
    /// Text that is not a URL is kept, with any secret it may quote redacted.
    static func origin(_ url: String) -> String {
        guard let separator = url.firstRange(of: "://") else { return Redaction.scrub(url) }
        let scheme = url[..<separator.lowerBound].lowercased()
        let authority = url[separator.upperBound...].prefix { !"/?#".contains($0) }
        let host = authority.lastIndex(of: "@").map { authority[authority.index(after: $0)...] } ?? authority
        return "\(scheme)://\(host.lowercased())"
    }

    /// A command with its arguments (and environment, written `NAME=value` first), the
    /// way a reviewer reads it, with no secret in it. A word is kept only when it plainly
    /// cannot be one (`readsInClear`: flags, lower-case names, numbers, paths, ARNs,
    /// package names, URLs without their userinfo and query) or refers to one
    /// (`$TOKEN`); any other word, and every word after a flag or in a variable that names
    /// a credential, is named by its run-keyed hash. `--pass Winter2024!` and a positional
    /// `Autumn2025` so read `--pass hmac:...` and `hmac:...`: a change still shows, the
    /// password never does.
    static func commandLine(_ command: String, arguments: [String], environment: [(name: String, value: String)] = []) -> String {
        var words = environment.map { variable in
            let named = CredentialContent.isCredentialName(variable.name[...], bareKeyCounts: true)
            return "\(variable.name)=\(clear(variable.value, secret: named))"
        }
        // The program itself is read as written: it names what runs, not a secret.
        words.append(CredentialContent.holdsCredential(command) ? Credential.id(ofSecret: command) : Redaction.scrub(command))
        var followsSecretFlag = false
        for argument in arguments {
            defer { followsSecretFlag = argument.hasPrefix("-") && !argument.contains("=") && CredentialContent.isCredentialName(argument[...], bareKeyCounts: true) }
            if argument.hasPrefix("-"), let equals = argument.firstIndex(of: "=") {
                let flag = argument[..<equals]
                let named = CredentialContent.isCredentialName(flag, bareKeyCounts: true)
                words.append(String(argument[...equals]) + clear(String(argument[argument.index(after: equals)...]), secret: named))
            } else {
                words.append(clear(argument, secret: followsSecretFlag))
            }
        }
        return words.joined(separator: " ")
    }

    /// The word as written when it refers to a secret or plainly is none; its keyed hash
    /// otherwise, and always when where it stands names a credential.
    private static func clear(_ word: String, secret: Bool) -> String {
        if isReference(word) { return word }
        if !secret, !CredentialContent.holdsCredential(word), readsInClear(word) { return Redaction.scrub(word) }
        return Credential.id(ofSecret: word)
    }

    /// Words that a reviewer must read and that do not look like a password: flags,
    /// names in lower case (`eks`, `get-token`, `prod`; with digits only beside a
    /// separator, `us-east-1`), numbers (account ids, ports), paths, ARNs, URLs (kept as
    /// `Redaction.scrub` leaves them) and package names with their versions
    /// (`@acme/jira-mcp@2.3.1`, `mcp-server-fetch==0.6`). `hunter2`, `Autumn2025` and
    /// `Winter2024!` are none of these. A lower-case passphrase given as a bare
    /// positional argument would read; after a flag or in a variable that names a
    /// credential it never does.
    static func readsInClear(_ word: String) -> Bool {
        if word.isEmpty || word.allSatisfy(\.isNumber) { return true }
        if word.hasPrefix("-"), word.dropFirst().allSatisfy({ $0 == "-" || isNameCharacter($0) }) { return true }
        // Digits only with a separator: `us-east-1` and `v1.2` read, `hunter2` does not.
        if word.allSatisfy({ isNameCharacter($0) || $0.isNumber }), !word.contains(where: \.isNumber) || word.contains(where: { "-_.".contains($0) }) { return true }
        if ["/", "./", "../", "~/", "arn:"].contains(where: word.hasPrefix) || word.contains("://") { return true }
        return isPackageName(word)
    }

    private static func isNameCharacter(_ character: Character) -> Bool {
        character.isASCII && (character.isLowercase || character == "-" || character == "_" || character == ".")
    }

    /// `name@version`, `@scope/name@version`, `name==version`: a name part in lower case
    /// (digits allowed after a scope or before a version marker), then a version that
    /// starts with a digit.
    private static func isPackageName(_ word: String) -> Bool {
        var rest = word[...]
        var scoped = false
        if rest.hasPrefix("@"), let slash = rest.firstIndex(of: "/") {
            guard rest[rest.index(after: rest.startIndex)..<slash].allSatisfy({ isNameCharacter($0) || $0.isNumber }) else { return false }
            rest = rest[rest.index(after: slash)...]
            scoped = true
        }
        let marker = rest.firstIndex { $0 == "@" || $0 == "=" }
        let name = rest[..<(marker ?? rest.endIndex)]
        guard !name.isEmpty, name.allSatisfy({ isNameCharacter($0) || $0.isNumber }) else { return false }
        guard let marker else { return scoped }
        let version = rest[marker...].drop { $0 == "@" || $0 == "=" }
        guard let first = version.first, first.isNumber || version == "latest" else { return false }
        return version.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || ".-+".contains($0)) }
    }

    /// Where a value comes from: the references it is made of (`${input:jira-token}`,
    /// `${GITHUB_PAT}`, `$TOKEN`, `${{ secrets.X }}`, OpenCode's `{env:TOKEN}` and
    /// `{file:path}`), or nil when it is written out, which is then a credential in the file.
    static func references(in value: String) -> String? {
        var found: [String] = []
        var rest = value[...]
        while let open = [rest.firstRange(of: "{env:"), rest.firstRange(of: "{file:")].compactMap({ $0 }).min(by: { $0.lowerBound < $1.lowerBound }),
              let close = rest[open.upperBound...].firstIndex(of: "}") {
            // `${env:X}` (VS Code's) is a `$` reference, read below.
            if open.lowerBound == rest.startIndex || rest[rest.index(before: open.lowerBound)] != "$" {
                found.append(String(rest[open.lowerBound...close]))
            }
            rest = rest[rest.index(after: close)...]
        }
        rest = value[...]
        while let dollar = rest.firstIndex(of: "$") {
            let after = rest[rest.index(after: dollar)...]
            if after.hasPrefix("{"), let close = after.firstIndex(of: "}") {
                // `${{ expr }}` closes at its second brace.
                let end = after.hasPrefix("{{") ? (after[after.index(after: close)...].firstIndex(of: "}") ?? close) : close
                found.append(String(rest[dollar...end]))
                rest = rest[rest.index(after: end)...]
            } else {
                let name = after.prefix { $0.isLetter || $0.isNumber || $0 == "_" }
                if !name.isEmpty { found.append("$" + name) }
                rest = after.dropFirst(name.count)
            }
        }
        return found.isEmpty ? nil : found.joined(separator: " ")
    }

    /// Whether a value is a reference to a secret kept elsewhere, not a secret itself
    /// (`$TOKEN`, `${input:x}`, OpenCode's `{env:TOKEN}`, each alone or after `Bearer `).
    /// The reference must be the whole value: `$URL?token=...` or `{env:X}ghp_...` write
    /// a secret out beside one.
    static func isReference(_ value: String) -> Bool {
        let bare = value.hasPrefix("Bearer ") ? String(value.dropFirst("Bearer ".count)) : value
        return references(in: bare) == bare
    }
}
