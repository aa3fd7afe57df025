import IdlintSyntax

/// Auth0 client grants: a machine-to-machine client may call an API (`audience`) with
/// the scopes listed, such as `update:users` on the Management API. A tenant export lists
/// them under `clientGrants`, the directory form writes one per file; either way each
/// is an `auth0.client-grant` object (see `Auth0Export`).
enum Auth0Grants {
    /// The grant of one `auth0.client-grant` object.
    static func grant(_ object: RecognizedObject) -> [DirectGrant] {
        directGrant(object.node).map { [$0] } ?? []
    }

    private static func directGrant(_ grant: Node) -> DirectGrant? {
        guard let client = DirectGrantExtractors.text(grant["client_id"]) else { return nil }
        let audience = DirectGrantExtractors.text(grant["audience"]) ?? "?"
        let held = (grant["scope"]?.elements ?? []).compactMap(DirectGrantExtractors.text).map {
            Privilege(action: $0, resource: audience, group: "", scope: "as a client grant", names: [])
        }
        return DirectGrant(principal: PrincipalRef(platform: .auth0, kind: "Client", name: client), privileges: held, through: "client grant to \(audience)",
                           location: grant["client_id"]?.location)
    }
}
