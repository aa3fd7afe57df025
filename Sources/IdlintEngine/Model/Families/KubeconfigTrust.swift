import IdlintSyntax

/// Who the holder of a kubeconfig acts as: each user entry is a cluster identity, held
/// by whoever holds the file, and its trust edges are how it signs in (an embedded
/// token, a client certificate, a password, an exec or auth-provider plugin, a file it
/// reads), whom it impersonates (`as`, `as-groups`), and which API servers its contexts
/// take it to. They read as gains and losses the way permissions do: a user that signs
/// in another way, runs another exec command or reaches another cluster is a gain; one
/// reordered, reformatted or commented is nothing. Token values are not part of an
/// edge: a rotated token is the credential delta's to name (`KubernetesCredentials`).
enum KubeconfigTrust {
    static func grants(_ object: RecognizedObject) -> [DirectGrant] {
        let root = object.node
        let file = root.document.fileName
        let reached = clustersReached(root)
        return (root["users"]?.elements ?? []).compactMap { entry -> DirectGrant? in
            guard let name = CredentialExtractors.literal(entry["name"]), let user = entry["user"], user.isMapping else { return nil }
            let privileges = signIn(user) + impersonation(user) + (reached[name] ?? [])
            guard !privileges.isEmpty else { return nil }
            return DirectGrant(principal: PrincipalRef(platform: .kubernetes, kind: "kubeconfig user", name: name), privileges: privileges,
                               through: "kubeconfig \(file)")
        }
    }

    /// How a user entry signs in, one edge per way it holds.
    private static func signIn(_ user: Node) -> [Privilege] {
        var ways: [String] = []
        if CredentialExtractors.literal(user["token"]) != nil { ways.append("an embedded token") }
        if let path = CredentialExtractors.literal(user["tokenFile"]) { ways.append("the token file \(path)") }
        if let certificate = CredentialExtractors.literal(user["client-certificate-data"]) {
            ways.append("the client certificate " + (SAMLTrust.certificateID(base64: certificate) ?? "in the file"))
        } else if let path = CredentialExtractors.literal(user["client-certificate"]) {
            ways.append("the client certificate file \(path)")
        }
        if CredentialExtractors.literal(user["password"]) != nil {
            ways.append("a password" + (CredentialExtractors.literal(user["username"]).map { " for \($0)" } ?? ""))
        }
        if let exec = user["exec"], exec.isMapping {
            ways.append("the exec plugin `\(execCommand(exec))`")
        }
        if let provider = user["auth-provider"], provider.isMapping {
            ways.append("the auth-provider " + authProvider(provider))
        }
        return ways.map { Privilege(action: "sign in with", resource: $0, group: "", scope: "as a kubeconfig user", names: []) }
    }

    /// The exec plugin's command line: which program runs, with which arguments and
    /// environment, decides which identity the cluster sees (`--role-arn`, `AWS_PROFILE`).
    private static func execCommand(_ exec: Node) -> String {
        let arguments = (exec["args"]?.elements ?? []).compactMap(CredentialExtractors.literal)
        let environment = (exec["env"]?.elements ?? []).compactMap { variable -> (name: String, value: String)? in
            guard let name = CredentialExtractors.literal(variable["name"]) else { return nil }
            return (name, CredentialExtractors.literal(variable["value"]) ?? "")
        }
        return TrustEdgeText.commandLine(CredentialExtractors.literal(exec["command"]) ?? "?", arguments: arguments, environment: environment)
    }

    /// An auth-provider by its name and the public parts of its configuration: the
    /// issuer it trusts and the client it signs in as (its tokens and secrets are left out).
    private static func authProvider(_ provider: Node) -> String {
        let name = CredentialExtractors.literal(provider["name"]) ?? "?"
        let config = provider["config"]
        let details = [CredentialExtractors.literal(config?["idp-issuer-url"]).map { "issuer " + TrustEdgeText.origin($0) },
                       CredentialExtractors.literal(config?["client-id"]).map { "client " + $0 }].compactMap { $0 }
        return details.isEmpty ? name : "\(name) (\(details.joined(separator: ", ")))"
    }

    /// `as`, `as-uid` and `as-groups`: the user acts as another identity on every request.
    private static func impersonation(_ user: Node) -> [Privilege] {
        var targets = CredentialExtractors.literal(user["as"]).map { ["user \($0)"] } ?? []
        targets += CredentialExtractors.literal(user["as-uid"]).map { ["uid \($0)"] } ?? []
        targets += (user["as-groups"]?.elements ?? []).compactMap(CredentialExtractors.literal).map { "group \($0)" }
        return targets.map { Privilege(action: "impersonate", resource: $0, group: "", scope: "on every request", names: []) }
    }

    /// The API servers each user's contexts take it to (a context's namespace is only a
    /// default, not a limit, so it is left out).
    private static func clustersReached(_ root: Node) -> [String: [Privilege]] {
        var servers: [String: String] = [:]
        for entry in root["clusters"]?.elements ?? [] {
            guard let name = CredentialExtractors.literal(entry["name"]) else { continue }
            servers[name] = CredentialExtractors.literal(entry["cluster"]?["server"]).map(TrustEdgeText.origin)
        }
        var reached: [String: [Privilege]] = [:]
        for entry in root["contexts"]?.elements ?? [] {
            guard let context = entry["context"], let user = CredentialExtractors.literal(context["user"]),
                  let cluster = CredentialExtractors.literal(context["cluster"]) else { continue }
            let server = servers[cluster] ?? "cluster \(cluster)"
            reached[user, default: []].append(Privilege(action: "act on the API server", resource: server, group: "", scope: "through a context", names: []))
        }
        return reached
    }
}
