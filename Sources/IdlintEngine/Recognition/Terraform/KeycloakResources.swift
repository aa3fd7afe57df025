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

    /// Resources that add to a realm or a client rather than being one, with the
    /// attribute naming their realm.
    private static let additions: [String: String] = [
        "keycloak_realm_default_client_scopes": "realm_id",
        "keycloak_openid_client_default_scopes": "realm_id",
        "keycloak_openid_client_service_account_role": "realm_id",
        "keycloak_openid_client_service_account_realm_role": "realm_id",
    ]

    static func handles(_ type: String) -> Bool {
        type == "keycloak_realm" || members[type] != nil || additions[type] != nil
    }

    /// The realm documents of one file's Keycloak resources. `realmsByName` maps each
    /// realm name declared in the module to its resource address.
    static func objects(of resources: [TerraformPlanRecognizer.Resource], scope: TerraformScope, realmsByName: [String: String]) -> [RecognizedObject] {
        let groups = ResourceJoin.groups(resources, parentTypes: ["keycloak_realm"]) { resource in
            guard let attribute = members[resource.type]?.realmAttribute ?? additions[resource.type],
                  let reference = resource.source[attribute] else { return nil }
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
                    let listed = group.members.filter { members[$0.type]?.list == list }
                    guard let first = listed.first else { continue }
                    try composer.scalar(list, at: first.source.span)
                    try composer.begin(.sequence, at: first.source.start)
                    for member in listed {
                        try composer.begin(.mapping, at: member.source.start)
                        try writer.writeEntries(members[member.type]!.fields, from: member.source, into: &composer)
                        try writeDefaultScopes(of: member, among: group.members, scope: scope, into: &composer)
                        try composer.end(at: member.source.span.end)
                    }
                    try composer.end(at: listed.last!.source.span.end)
                }
                try writeAdditions(group.members, scope: scope, into: &composer)
                try composer.end(at: anchor.span.end)
            }
            guard let root else { return nil }
            return RecognizedObject(kind: .keycloakRealm, node: root, platform: nil, name: root.string("realm") ?? group.key)
        }
    }

    /// `keycloak_openid_client_default_scopes` naming this client (by address): its
    /// scopes are the client's `defaultClientScopes`.
    private static func writeDefaultScopes(of client: TerraformPlanRecognizer.Resource, among resources: [TerraformPlanRecognizer.Resource],
                                           scope: TerraformScope, into composer: inout TreeComposer) throws {
        for addition in resources where addition.type == "keycloak_openid_client_default_scopes" {
            guard let reference = addition.source["client_id"], addressNamed(by: reference) == client.address,
                  let scopes = addition.source.entry("default_scopes") else { continue }
            try composer.scalar("defaultClientScopes", at: scopes.key.span)
            try scope.write(scopes.value, foreignSpan: nil, into: &composer, depth: 0)
        }
    }

    /// Realm default scopes, and service-account roles as the service-account users a
    /// realm export lists (`serviceAccountClientId`, `clientRoles`, `realmRoles`).
    private static func writeAdditions(_ resources: [TerraformPlanRecognizer.Resource], scope: TerraformScope, into composer: inout TreeComposer) throws {
        for addition in resources where addition.type == "keycloak_realm_default_client_scopes" {
            guard let scopes = addition.source.entry("default_scopes") else { continue }
            try composer.scalar("defaultDefaultClientScopes", at: scopes.key.span)
            try scope.write(scopes.value, foreignSpan: nil, into: &composer, depth: 0)
        }
        let roles = resources.filter { $0.type.hasPrefix("keycloak_openid_client_service_account_") }
        guard let first = roles.first else { return }
        try composer.scalar("users", at: first.source.span)
        try composer.begin(.sequence, at: first.source.start)
        for grant in roles {
            let body = grant.source
            let here = SourceSpan(start: body.start, end: body.start)
            try composer.begin(.mapping, at: body.start)
            // The service account belongs to the client whose service_account_user_id it names.
            try composer.scalar("serviceAccountClientId", at: here)
            let account = body["service_account_user_id"].flatMap(addressNamed).flatMap { literalAttribute("client_id", of: $0, scope: scope) }
            try composer.scalar(account ?? "unknown client", style: account == nil ? .plain : .quoted, tag: account == nil ? hclExpressionTag : nil, at: here)
            if let role = body.entry("role") {
                if grant.type.hasSuffix("_realm_role") {
                    try composer.scalar("realmRoles", at: role.key.span)
                    try composer.begin(.sequence, at: role.value.start)
                    try scope.write(role.value, foreignSpan: nil, into: &composer, depth: 0)
                    try composer.end(at: role.value.span.end)
                } else {
                    // The role's client, named by its client_id: "realm-management" for realm administration.
                    let owner = body["client_id"].flatMap(addressNamed).flatMap { literalAttribute("client_id", of: $0, scope: scope) }
                    try composer.scalar("clientRoles", at: role.key.span)
                    try composer.begin(.mapping, at: role.key.start)
                    try composer.scalar(owner ?? "unknown client", style: owner == nil ? .plain : .quoted, tag: owner == nil ? hclExpressionTag : nil, at: role.key.span)
                    try composer.begin(.sequence, at: role.value.start)
                    try scope.write(role.value, foreignSpan: nil, into: &composer, depth: 0)
                    try composer.end(at: role.value.span.end)
                    try composer.end(at: role.value.span.end)
                }
            }
            try composer.end(at: body.span.end)
        }
        try composer.end(at: roles.last!.source.span.end)
    }

    /// The resource or data source an expression such as `keycloak_openid_client.ci.id`
    /// or `data.keycloak_openid_client.realm_management.id` names.
    private static func addressNamed(by reference: Node) -> String? {
        guard reference.isUnevaluated else { return nil }
        let parts = reference.text.split(separator: ".")
        if parts.first == "data", parts.count >= 4 { return "data.\(parts[1]).\(parts[2])" }
        return parts.count >= 3 ? "\(parts[0]).\(parts[1])" : nil
    }

    private static func literalAttribute(_ name: String, of address: String, scope: TerraformScope) -> String? {
        guard let value = scope.resources[address]?[name].map(scope.evaluated), value.isScalar, !value.isUnevaluated else { return nil }
        return value.text
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
