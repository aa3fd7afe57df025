/// The roles a Keycloak realm gives its users and service accounts (`users[]` with
/// `realmRoles` and `clientRoles`; a service account is the user a client's
/// `serviceAccountClientId` names), so that a service account gaining `realm-admin`
/// shows as that client's gain.
enum KeycloakGrants {
    static func grants(_ object: RecognizedObject) -> [DirectGrant] {
        let realm = object.node.string("realm") ?? object.name ?? "realm"
        return (object.node["users"]?.elements ?? []).compactMap { user -> DirectGrant? in
            guard user.isMapping else { return nil }
            let principal: PrincipalRef
            if let client = DirectGrantExtractors.text(user["serviceAccountClientId"]) {
                principal = PrincipalRef(platform: .keycloak, kind: "Service account of client", name: "\(realm)/\(client)")
            } else {
                principal = PrincipalRef(platform: .keycloak, kind: "User", name: "\(realm)/\(DirectGrantExtractors.text(user["username"]) ?? "?")")
            }
            var held = (user["realmRoles"]?.elements ?? []).compactMap(DirectGrantExtractors.text).map {
                Privilege(action: $0, resource: "realm roles", group: "", scope: "in realm \(realm)", names: [])
            }
            user["clientRoles"]?.forEachEntry { client, roles in
                held += roles.elements.compactMap(DirectGrantExtractors.text).map {
                    Privilege(action: $0, resource: "roles of client \(client.text)", group: "", scope: "in realm \(realm)", names: [])
                }
                return true
            }
            held += (user["groups"]?.elements ?? []).compactMap(DirectGrantExtractors.text).map {
                Privilege(action: "member of", resource: "group \($0)", group: "", scope: "in realm \(realm)", names: [])
            }
            let place = (user.entry("serviceAccountClientId") ?? user.entry("username"))?.value.location
            return DirectGrant(principal: principal, privileges: held, through: "realm \(realm) users", location: place)
        }
    }
}
