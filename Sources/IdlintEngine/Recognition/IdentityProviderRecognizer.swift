import IdlintSyntax

/// Identity-provider configuration, recognised from content: Keycloak realm exports
/// (one realm, or the array that a multi-realm export writes), OIDC discovery documents,
/// OAuth/OIDC client registrations (RFC 7591), Microsoft Entra application manifests
/// (Microsoft Graph and the older Azure AD form), Auth0 tenants as auth0-deploy-cli writes
/// them (see `Auth0Export`), Dex configuration and JSON Web Keys. A JWKS yields one
/// object per key, so key rules are written once for both forms.
public struct IdentityProviderRecognizer: DocumentRecognizer {
    public static let producedKinds: [DocumentKind] = [
        .keycloakRealm, .entraApplication, .auth0Tenant, .auth0Client, .auth0ResourceServer, .auth0ClientGrant, .dexConfig, .oidcDiscovery,
        .oauthClient, .jwk,
    ]

    public init() {}

    /// Keys of which a realm export holds at least one besides `realm`; partial exports
    /// drop many keys, so any one of them is enough.
    private static let realmKeys = ["clients", "accessTokenLifespan", "sslRequired", "users", "roles", "identityProviders",
                                    "clientScopes", "bruteForceProtected", "ssoSessionMaxLifespan", "components", "registrationAllowed", "passwordPolicy", "id"]
    private static let discoveryEndpoints = ["authorization_endpoint", "token_endpoint", "jwks_uri", "userinfo_endpoint"]
    private static let registrationKeys = ["grant_types", "response_types", "token_endpoint_auth_method", "client_secret",
                                           "client_secret_expires_at", "redirect_uris"]

    /// Keys that only application manifests have; one of them, with an app id or a display
    /// name, marks a manifest.
    private static let manifestKeys = ["requiredResourceAccess", "signInAudience", "replyUrlsWithType", "oauth2AllowImplicitFlow",
                                       "passwordCredentials", "keyCredentials", "implicitGrantSettings", "identifierUris"]

    public func recognize(_ document: Document, problems: inout [Diagnostic]) -> [RecognizedObject]? {
        let root = document.root
        if root.isSequence, root.count > 0, root.elements.allSatisfy(Self.isRealm) {
            return root.elements.map(Self.realm)
        }
        guard root.isMapping else { return nil }
        if Self.isRealm(root) { return [Self.realm(root)] }
        if root["appId"] != nil || root["displayName"] != nil, Self.manifestKeys.contains(where: { root[$0] != nil }) {
            let name = root.string("displayName") ?? root.string("name") ?? root.string("appId")
            var application = RecognizedObject(kind: .entraApplication, node: root, platform: nil, name: name)
            application.stableID = root.string("appId")
            return [application]
        }
        if let auth0 = Auth0Export.objects(document) { return auth0 }
        if root["issuer"]?.isScalar == true, root["staticClients"] != nil || root["connectors"] != nil || root["storage"]?["type"] != nil {
            return [RecognizedObject(kind: .dexConfig, node: root, platform: nil, name: root.string("issuer"))]
        }
        // A client's own configuration often repeats the provider's endpoints; its secret
        // and redirect URIs make it a client, not the provider's metadata.
        if root["issuer"]?.isScalar == true, Self.discoveryEndpoints.contains(where: { root[$0] != nil }),
           root["client_secret"] == nil, root["redirect_uris"] == nil, root["client_id"] == nil {
            return [RecognizedObject(kind: .oidcDiscovery, node: root, platform: nil, name: root.string("issuer"))]
        }
        if let keys = root["keys"], keys.isSequence, keys.count > 0, keys.elements.allSatisfy({ $0["kty"]?.isScalar == true }) {
            return keys.elements.map(Self.key)
        }
        if root["kty"]?.isScalar == true { return [Self.key(root)] }
        // Google's downloaded client_secret_*.json wraps the client in "web" or "installed".
        if let client = root["web"] ?? root["installed"], client.isMapping, client["client_id"] != nil, client["client_secret"] != nil {
            return [RecognizedObject(kind: .oauthClient, node: client, platform: nil, name: client.string("client_id"))]
        }
        if root["redirect_uris"]?.isSequence == true || (root["client_id"] != nil && Self.registrationKeys.contains(where: { root[$0] != nil })) {
            return [RecognizedObject(kind: .oauthClient, node: root, platform: nil, name: root.string("client_name") ?? root.string("client_id"))]
        }
        return nil
    }

    private static func isRealm(_ node: Node) -> Bool {
        node.isMapping && node["realm"]?.isScalar == true && realmKeys.contains { node[$0] != nil }
    }

    private static func realm(_ node: Node) -> RecognizedObject {
        RecognizedObject(kind: .keycloakRealm, node: node, platform: nil, name: node.string("realm"))
    }

    private static func key(_ node: Node) -> RecognizedObject {
        RecognizedObject(kind: .jwk, node: node, platform: nil, name: node.string("kid") ?? node.string("kty"))
    }
}
