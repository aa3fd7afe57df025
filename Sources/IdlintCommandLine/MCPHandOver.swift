import IdlintEngine

/// What `idlint mcp` tells the idlint-mcp it hands over to: its own version, which the
/// server must share. Installed apart, an older server would otherwise answer for a newer
/// scanner with other rules, without a sign.
package enum MCPHandOver {
    package static let versionVariable = "IDLINT_HANDED_OVER_BY"

    /// Nil when the server may serve: it was started directly, or by an idlint of its own
    /// version. Otherwise why it may not.
    package static func refusal(environment: [String: String], serverVersion: String = IdlintVersion.current) -> String? {
        guard let version = environment[versionVariable], version != serverVersion else { return nil }
        return "idlint-mcp \(serverVersion) is not the version of the idlint \(version) that started it; install both from one release"
    }
}
