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
        guard let separator = url.range(of: "://") else { return Redaction.scrub(url) }
        let scheme = url[..<separator.lowerBound].lowercased()
        let authority = url[separator.upperBound...].prefix { !"/?#".contains($0) }
        let host = authority.lastIndex(of: "@").map { authority[authority.index(after: $0)...] } ?? authority
        return "\(scheme)://\(host.lowercased())"
    }

    /// A command with its arguments (and environment, written `NAME=value` first), the
    /// way a reviewer reads it. An argument that holds a credential, or follows a flag
    /// that names one (`--token x`, `--api-key=x`), is named by its keyed hash; so is the
    /// value of an environment variable whose name says it is a credential.
    static func commandLine(_ command: String, arguments: [String], environment: [(name: String, value: String)] = []) -> String {
        var words = environment.map { variable in
            let secret = CredentialContent.isCredentialName(variable.name[...]) || CredentialContent.holdsCredential(variable.value)
            return "\(variable.name)=\(secret && !isReference(variable.value) ? Credential.id(ofSecret: variable.value) : Redaction.scrub(variable.value))"
        }
        words.append(Redaction.scrub(command))
        var followsSecretFlag = false
        for argument in arguments {
            defer { followsSecretFlag = argument.hasPrefix("-") && !argument.contains("=") && CredentialContent.isCredentialName(argument[...]) }
            if argument.hasPrefix("-"), let equals = argument.firstIndex(of: "="), CredentialContent.isCredentialName(argument[..<equals]) {
                let value = String(argument[argument.index(after: equals)...])
                words.append(String(argument[...equals]) + (isReference(value) ? value : Credential.id(ofSecret: value)))
            } else if (followsSecretFlag && !isReference(argument)) || CredentialContent.holdsCredential(argument) {
                words.append(Credential.id(ofSecret: argument))
            } else {
                // What is left may still quote one: a URL's userinfo or query.
                words.append(Redaction.scrub(argument))
            }
        }
        return words.joined(separator: " ")
    }

    /// Where a value comes from: the references it is made of (`${input:jira-token}`,
    /// `${GITHUB_PAT}`, `$TOKEN`, `${{ secrets.X }}`), or nil when it is written out,
    /// which is then a credential in the file.
    static func references(in value: String) -> String? {
        var found: [String] = []
        var rest = value[...]
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

    private static func isReference(_ value: String) -> Bool {
        value.hasPrefix("$") && references(in: value) != nil
    }
}
