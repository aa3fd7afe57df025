/// Kubeconfig users (an embedded token or client key, or an exec or auth-provider
/// plugin that fetches short-lived credentials) and long-lived service account token
/// Secrets.
enum KubernetesCredentials {
    static func kubeconfig(_ object: RecognizedObject) -> [Credential] {
        let file = object.node.document.fileName
        return (object.node["users"]?.elements ?? []).flatMap { entry -> [Credential] in
            let name = CredentialExtractors.literal(entry["name"]) ?? "?"
            let owner = PrincipalRef(platform: .kubernetes, kind: "kubeconfig user", name: name)
            guard let user = entry["user"], user.isMapping else { return [] }
            var found: [Credential] = []
            if let token = CredentialExtractors.literal(user["token"]) {
                found.append(Credential(kind: .token, owner: owner, id: Credential.id(ofSecret: token), storedIn: "kubeconfig \(file)", location: user["token"]?.location))
            }
            if let key = CredentialExtractors.literal(user["client-key-data"]) {
                found.append(Credential(kind: .privateKey, owner: owner, id: Credential.id(ofSecret: key), storedIn: "kubeconfig \(file)", location: user["client-key-data"]?.location))
            }
            if let password = CredentialExtractors.literal(user["password"]) {
                found.append(Credential(kind: .password, owner: owner, id: Credential.id(ofSecret: password), storedIn: "kubeconfig \(file)", location: user["password"]?.location))
            }
            for plugin in ["exec", "auth-provider"] {
                guard let node = user[plugin] else { continue }
                let id = CredentialExtractors.literal(node["command"]) ?? CredentialExtractors.literal(node["name"]) ?? plugin
                found.append(Credential(kind: .federated, owner: owner, id: id, storedIn: "kubeconfig \(file)", location: node.location))
            }
            return found
        }
    }

    static func serviceAccountToken(_ object: RecognizedObject) -> [Credential] {
        guard object.node.string("type") == "kubernetes.io/service-account-token",
              let account = object.node["metadata"]?["annotations"]?.string("kubernetes.io/service-account.name") else { return [] }
        let namespace = object.namespace ?? "default"
        let owner = PrincipalRef(platform: .kubernetes, kind: "ServiceAccount", name: account, namespace: namespace)
        return [Credential(kind: .token, owner: owner, id: object.name ?? "token secret", storedIn: "Secret \(namespace)/\(object.name ?? "?")",
                           location: object.node.location)]
    }
}
