/// A realm's confidential clients' secrets and its users' plaintext passwords.
enum KeycloakCredentials {
    static func credentials(_ object: RecognizedObject) -> [Credential] {
        let realm = object.node.string("realm") ?? object.name ?? "realm"
        var found: [Credential] = []
        for client in object.node["clients"]?.elements ?? [] {
            guard client["publicClient"]?.text != "true", let secret = CredentialExtractors.literal(client["secret"]),
                  let clientID = CredentialExtractors.literal(client["clientId"]) else { continue }
            let owner = PrincipalRef(platform: .keycloak, kind: "Client", name: "\(realm)/\(clientID)")
            found.append(Credential(kind: .clientSecret, owner: owner, id: Credential.id(ofSecret: secret), storedIn: "the realm export",
                                    location: client["secret"]?.location))
        }
        for user in object.node["users"]?.elements ?? [] {
            let username = CredentialExtractors.literal(user["username"]) ?? "?"
            for credential in user["credentials"]?.elements ?? [] where credential.string("type") == "password" {
                guard let value = CredentialExtractors.literal(credential["value"]) else { continue }
                let owner = PrincipalRef(platform: .keycloak, kind: "User", name: "\(realm)/\(username)")
                found.append(Credential(kind: .password, owner: owner, id: Credential.id(ofSecret: value), storedIn: "the realm export",
                                        location: credential["value"]?.location))
            }
        }
        return found
    }
}
