import IdlintSyntax

/// The Keycloak provider's realm, client and broker resources as the realm export the
/// identity-provider rules read. A realm's clients are separate resources that name it
/// (`realm_id = keycloak_realm.main.id`); each file yields one realm document with the
/// clients it holds, so every finding keeps its exact place. Clients whose realm is
/// declared elsewhere sit in a realm that says nothing about realm settings, so that
/// realm rules never judge defaults the file does not show.
enum KeycloakResources {
    static let realmFields: [NativeField] = [
        .attribute("realm", as: "realm"), .attribute("internal_id", as: "id"), .attribute("enabled", as: "enabled"),
        .attribute("ssl_required", as: "sslRequired"), .attribute("registration_allowed", as: "registrationAllowed"),
        .attribute("password_policy", as: "passwordPolicy"),
        // Go durations ("5m") that the provider sends as seconds.
        .seconds("access_token_lifespan", as: "accessTokenLifespan"), .seconds("sso_session_max_lifespan", as: "ssoSessionMaxLifespan"),
        // The provider writes these as false when they are not set.
        .defaulted("revoke_refresh_token", as: "revokeRefreshToken", default: "false", style: .plain),
        .defaulted("offline_session_max_lifespan_enabled", as: "offlineSessionMaxLifespanEnabled", default: "false", style: .plain),
        .blockPresent(["security_defenses", "brute_force_detection"], as: "bruteForceProtected"),
        .attribute("default_default_client_scopes", as: "defaultDefaultClientScopes"),
        .block("smtp_server", as: "smtpServer", [.attribute("host", as: "host"), .within("auth", [.attribute("username", as: "user"), .attribute("password", as: "password")])]),
    ]

    static let openIDClientFields: [NativeField] = [
        .attribute("client_id", as: "clientId"), .constant("protocol", text: "openid-connect"),
        .mapped("access_type", as: "publicClient", ["PUBLIC": "true", "CONFIDENTIAL": "false", "BEARER-ONLY": "false"]),
        .mapped("access_type", as: "bearerOnly", ["PUBLIC": "false", "CONFIDENTIAL": "false", "BEARER-ONLY": "true"]),
        // Keycloak enables the standard flow when an export omits it; the provider sends
        // false when the attribute is not set.
        .defaulted("standard_flow_enabled", as: "standardFlowEnabled", default: "false", style: .plain),
        .attribute("implicit_flow_enabled", as: "implicitFlowEnabled"), .attribute("direct_access_grants_enabled", as: "directAccessGrantsEnabled"),
        .attribute("service_accounts_enabled", as: "serviceAccountsEnabled"),
        .attribute("valid_redirect_uris", as: "redirectUris"), .attribute("web_origins", as: "webOrigins"),
        .attribute("root_url", as: "rootUrl"), .attribute("base_url", as: "baseUrl"),
        .attribute("client_secret", as: "secret"),
        .defaulted("full_scope_allowed", as: "fullScopeAllowed", default: "true", style: .plain),
        .group("attributes", [
            .attribute("pkce_code_challenge_method", as: "pkce.code.challenge.method"),
            .attribute("access_token_lifespan", as: "access.token.lifespan"),
            .flagText("oauth2_device_authorization_grant_enabled", as: "oauth2.device.authorization.grant.enabled", default: nil),
            .entries("extra_config"),
        ]),
    ]

    static let samlClientFields: [NativeField] = [
        .attribute("client_id", as: "clientId"), .constant("protocol", text: "saml"),
        .attribute("valid_redirect_uris", as: "redirectUris"),
        .defaulted("full_scope_allowed", as: "fullScopeAllowed", default: "true", style: .plain),
        .group("attributes", [
            .flagText("sign_documents", as: "saml.server.signature", default: "true"),
            .flagText("sign_assertions", as: "saml.assertion.signature", default: "false"),
            .attribute("signature_algorithm", as: "saml.signature.algorithm"),
            .entries("extra_config"),
        ]),
    ]

    static func brokerFields(defaultProvider: String) -> [NativeField] {
        [
            .attribute("alias", as: "alias"), .defaulted("provider_id", as: "providerId", default: defaultProvider, style: .quoted),
            .group("config", [
                .flagText("validate_signature", as: "validateSignature", default: nil),
                .attribute("client_id", as: "clientId"), .attribute("client_secret", as: "clientSecret"),
                .attribute("authorization_url", as: "authorizationUrl"), .attribute("token_url", as: "tokenUrl"),
                // The provider's only way to set PKCE on a broker, among other settings.
                .entries("extra_config"),
            ]),
        ]
    }

    /// Member resource types: where they sit in the realm, the attribute naming their
    /// realm, and their fields.
    private static let members: [String: (list: String, realmAttribute: String, fields: [NativeField])] = [
        "keycloak_openid_client": ("clients", "realm_id", openIDClientFields),
        "keycloak_saml_client": ("clients", "realm_id", samlClientFields),
        "keycloak_oidc_identity_provider": ("identityProviders", "realm", brokerFields(defaultProvider: "oidc")),
        "keycloak_saml_identity_provider": ("identityProviders", "realm", brokerFields(defaultProvider: "saml")),
    ]

    static func handles(_ type: String) -> Bool {
        type == "keycloak_realm" || members[type] != nil
    }

    /// The realm documents of one file's Keycloak resources. `realmsByName` maps each
    /// realm name declared in the module to its resource address.
    static func objects(of resources: [TerraformPlanRecognizer.Resource], scope: TerraformScope, realmsByName: [String: String]) -> [RecognizedObject] {
        let groups = ResourceJoin.groups(resources, parentTypes: ["keycloak_realm"]) { resource in
            guard let member = members[resource.type], let reference = resource.source[member.realmAttribute] else { return nil }
            return (realmKey(reference, scope: scope, realmsByName: realmsByName), reference)
        }
        let writer = NativeWriter(scope: scope)
        return groups.compactMap { group -> RecognizedObject? in
            let anchor = group.anchor
            let root = scope.compose(in: anchor.document.file) { composer in
                try composer.begin(.mapping, at: anchor.start)
                if let realm = group.parent {
                    try writer.writeEntries(realmFields, from: realm, into: &composer)
                } else {
                    // Only the name is known here; settings are the declaring file's.
                    try composer.scalar("realm", at: anchor.span)
                    if let name = realmsByName.first(where: { $0.value == group.key })?.key {
                        try composer.scalar(name, at: anchor.span)
                    } else {
                        try scope.write(anchor, foreignSpan: nil, into: &composer, depth: 0)
                    }
                    try composer.scalar("passwordPolicy", at: anchor.span)
                    try composer.scalar("declared elsewhere", style: .plain, tag: hclExpressionTag, at: anchor.span)
                }
                for list in ["clients", "identityProviders"] {
                    let bodies = group.members.filter { members[$0.type]?.list == list }
                    guard let first = bodies.first else { continue }
                    try composer.scalar(list, at: first.body.span)
                    try composer.begin(.sequence, at: first.body.start)
                    for member in bodies { try writer.write(members[member.type]!.fields, from: member.body, into: &composer) }
                    try composer.end(at: bodies.last!.body.span.end)
                }
                try composer.end(at: anchor.span.end)
            }
            guard let root else { return nil }
            return RecognizedObject(kind: "keycloak.realm", node: root, platform: nil, name: root.string("realm") ?? group.key)
        }
    }

    /// The realm a member names: a declared realm's address (by reference or by its
    /// literal name), else the name or expression as written.
    private static func realmKey(_ reference: Node, scope: TerraformScope, realmsByName: [String: String]) -> String {
        if reference.isUnevaluated {
            let parts = reference.text.split(separator: ".")
            if parts.count >= 3, parts[0] == "keycloak_realm" { return "keycloak_realm.\(parts[1])" }
        }
        let value = scope.evaluated(reference)
        if value.isScalar, !value.isUnevaluated { return realmsByName[value.text] ?? "name:" + value.text }
        return "expression:" + reference.text
    }
}
