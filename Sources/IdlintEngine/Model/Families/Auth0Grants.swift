/// Auth0 client grants: a machine-to-machine client may call an API (`audience`) with
/// the scopes listed, such as `update:users` on the Management API.
enum Auth0Grants {
    static func grants(_ object: RecognizedObject) -> [DirectGrant] {
        (object.node["clientGrants"]?.elements ?? []).compactMap { grant -> DirectGrant? in
            guard let client = DirectGrantExtractors.text(grant["client_id"]) else { return nil }
            let audience = DirectGrantExtractors.text(grant["audience"]) ?? "?"
            let held = (grant["scope"]?.elements ?? []).compactMap(DirectGrantExtractors.text).map {
                Privilege(action: $0, resource: audience, group: "", scope: "as a client grant", names: [])
            }
            return DirectGrant(principal: PrincipalRef(platform: .auth0, kind: "Client", name: client), privileges: held, through: "client grant to \(audience)")
        }
    }
}
