import IdlintSyntax

/// What an OAuth or OIDC client is trusted with: the redirect URIs its authorization
/// codes and tokens are sent to, and the grant types it may use. These are trust, not
/// permissions, but they read as gains and losses the same way: a client that gains a
/// redirect URI on another host, or the password grant, gives a reviewer something to
/// look at; one that loses them narrows. A client registration (`oauth.client`), the
/// clients of a Keycloak realm export and Dex's static clients write the same facts.
enum OAuthClientTrust {
    /// A client registration or a downloaded client configuration.
    static func registration(_ object: RecognizedObject) -> [DirectGrant] {
        let node = object.node
        guard let name = DirectGrantExtractors.text(node["client_id"]) ?? object.name else { return [] }
        let redirects = (node["redirect_uris"]?.elements ?? []).compactMap(DirectGrantExtractors.text)
        let grants = (node["grant_types"]?.elements ?? []).compactMap(DirectGrantExtractors.text)
        let privileges = redirects.map(redirect) + grants.map(grantType)
        guard !privileges.isEmpty else { return [] }
        return [DirectGrant(principal: PrincipalRef(platform: .oidc, kind: "OAuth client", name: name), privileges: privileges,
                            through: "the client's registration")]
    }

    /// The clients of a Keycloak realm: their redirect URIs, and the flows they enable
    /// (`implicitFlowEnabled`, `directAccessGrantsEnabled`, `serviceAccountsEnabled`).
    static func keycloakClients(_ object: RecognizedObject) -> [DirectGrant] {
        let realm = object.node.string("realm") ?? object.name ?? "realm"
        return (object.node["clients"]?.elements ?? []).compactMap { client -> DirectGrant? in
            guard client.isMapping, let id = DirectGrantExtractors.text(client["clientId"]) else { return nil }
            var privileges = (client["redirectUris"]?.elements ?? []).compactMap(DirectGrantExtractors.text).map(redirect)
            for (flag, grant) in keycloakFlows where client[flag]?.text == "true" {
                privileges.append(grantType(grant))
            }
            guard !privileges.isEmpty else { return nil }
            return DirectGrant(principal: PrincipalRef(platform: .keycloak, kind: "Client", name: "\(realm)/\(id)"), privileges: privileges,
                               through: "realm \(realm) clients")
        }
    }

    /// Dex's static clients: their redirect URIs, whether they are public (no secret:
    /// anyone may use the client's id), and the peers they trust: a client named in
    /// another's `trustedPeers` may obtain tokens issued for that one, an edge of the peer.
    static func dexClients(_ object: RecognizedObject) -> [DirectGrant] {
        var grants: [DirectGrant] = []
        for client in object.node["staticClients"]?.elements ?? [] {
            guard client.isMapping, let id = DirectGrantExtractors.text(client["id"]) else { continue }
            var privileges = (client["redirectURIs"]?.elements ?? []).compactMap(DirectGrantExtractors.text).map(redirect)
            if client["public"]?.text == "true" { privileges.append(Privilege(action: "obtain tokens", resource: "without a secret", group: "", scope: "as a public client", names: [])) }
            if !privileges.isEmpty {
                grants.append(DirectGrant(principal: dexClient(id), privileges: privileges, through: "Dex static clients"))
            }
            for peer in (client["trustedPeers"]?.elements ?? []).compactMap(DirectGrantExtractors.text) {
                grants.append(DirectGrant(principal: dexClient(peer), privileges: [
                    Privilege(action: "obtain tokens issued for", resource: "client \(id)", group: "", scope: "as a trusted peer", names: []),
                ], through: "Dex static client \(id)"))
            }
        }
        return grants
    }

    private static func dexClient(_ id: String) -> PrincipalRef {
        PrincipalRef(platform: .oidc, kind: "Dex client", name: id)
    }

    /// Keycloak's switches for the grants that matter to trust, and the grant each enables.
    private static let keycloakFlows = [
        ("implicitFlowEnabled", "implicit"), ("directAccessGrantsEnabled", "password"), ("serviceAccountsEnabled", "client_credentials"),
    ]

    private static func redirect(_ uri: String) -> Privilege {
        Privilege(action: "receive codes and tokens at", resource: uri, group: "", scope: "as a redirect URI", names: [])
    }

    private static func grantType(_ grant: String) -> Privilege {
        Privilege(action: "use the grant", resource: grant, group: "", scope: "to obtain tokens", names: [])
    }
}
