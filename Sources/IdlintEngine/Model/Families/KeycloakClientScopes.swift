import IdlintSyntax

/// The client scopes a Keycloak client's tokens carry: `defaultClientScopes` are in
/// every token the client gets, `optionalClientScopes` in those that ask for them. A
/// client that lists neither takes the realm's `defaultDefaultClientScopes` and
/// `defaultOptionalClientScopes`, which Keycloak gives a client when it is created or
/// imported without its own. So a client that gains `offline_access` or a custom admin
/// scope gains it in the delta, by the scope's name: the scope's display name and
/// description are not part of the grant and change nothing.
enum KeycloakClientScopes {
    static func grants(_ object: RecognizedObject) -> [DirectGrant] {
        let realm = object.node.string("realm") ?? object.name ?? "realm"
        let realmDefault = object.node["defaultDefaultClientScopes"]
        let realmOptional = object.node["defaultOptionalClientScopes"]
        return (object.node["clients"]?.elements ?? []).compactMap { client -> DirectGrant? in
            guard client.isMapping, let id = DirectGrantExtractors.text(client["clientId"]) else { return nil }
            // A client's own list, even an empty one, replaces the realm's.
            let ownLists = client["defaultClientScopes"] != nil || client["optionalClientScopes"] != nil
            let always = ownLists ? client["defaultClientScopes"] : realmDefault
            let asked = ownLists ? client["optionalClientScopes"] : realmOptional
            let privileges = scopes(always, "in every token") + scopes(asked, "when the client asks for it")
            guard !privileges.isEmpty else { return nil }
            return DirectGrant(principal: PrincipalRef(platform: .keycloak, kind: "Client", name: "\(realm)/\(id)"), privileges: privileges,
                               through: "realm \(realm) client scopes")
        }
    }

    private static func scopes(_ list: Node?, _ when: String) -> [Privilege] {
        (list?.elements ?? []).compactMap(DirectGrantExtractors.text).map {
            Privilege(action: "receive scope", resource: $0, group: "", scope: when, names: [])
        }
    }
}
