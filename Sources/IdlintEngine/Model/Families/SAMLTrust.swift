import IdlintSyntax

/// What a SAML entity is trusted with, read from its metadata: an identity provider's
/// signing certificates (an assertion signed with one is believed) and a service
/// provider's assertion consumer endpoints (where assertions about users are sent). These
/// are trust edges, and read as gains and losses the way permissions do: a new signing key
/// or a new endpoint is something a person confirms out of band; a removed one narrows.
/// Certificates are named by the SHA-256 of their base64 text: public, and short.
enum SAMLTrust {
    static func grants(_ object: RecognizedObject) -> [DirectGrant] {
        let entity = object.node
        guard let entityID = DirectGrantExtractors.text(entity["@entityID"]) ?? object.name else { return [] }
        var grants: [DirectGrant] = []
        for (role, descriptor) in descriptors(of: entity) {
            var privileges: [Privilege] = []
            if role == "identity provider" {
                privileges += signingCertificates(descriptor).map {
                    Privilege(action: "sign assertions with certificate", resource: $0, group: "", scope: "that service providers accept", names: [])
                }
            } else {
                privileges += children(of: descriptor, named: "AssertionConsumerService").compactMap { DirectGrantExtractors.text($0["@Location"]) }.map {
                    Privilege(action: "receive assertions at", resource: $0, group: "", scope: "as an assertion consumer service", names: [])
                }
            }
            guard !privileges.isEmpty else { continue }
            grants.append(DirectGrant(principal: PrincipalRef(platform: .saml, kind: "SAML \(role)", name: entityID), privileges: privileges,
                                      through: "its SAML metadata"))
        }
        return grants
    }

    /// The IdP and SP role descriptors of an entity, each named.
    private static func descriptors(of entity: Node) -> [(String, Node)] {
        children(of: entity, named: "IDPSSODescriptor").map { ("identity provider", $0) }
            + children(of: entity, named: "SPSSODescriptor").map { ("service provider", $0) }
    }

    /// Certificates an IdP signs with: key descriptors for signing, or for any use.
    private static func signingCertificates(_ descriptor: Node) -> [String] {
        children(of: descriptor, named: "KeyDescriptor").filter { key in
            let use = DirectGrantExtractors.text(key["@use"])
            return use == nil || use == "signing"
        }.compactMap { key in
            key["KeyInfo"]?["X509Data"]?["X509Certificate"]?["#text"].flatMap { certificateID(base64: $0.text) }
        }
    }

    /// A certificate's public name: `sha256:` and the first 16 hex digits of the SHA-256
    /// of its base64 text, whitespace left out (a kubeconfig's client certificate is
    /// named the same way).
    static func certificateID(base64 text: String) -> String? {
        let base64 = Array(text.utf8.filter { !$0.isASCIIWhitespace })
        guard !base64.isEmpty else { return nil }
        return "sha256:" + String(SHA256.hex(base64).prefix(16))
    }

    /// XML elements repeat: every child of that name, in order.
    private static func children(of node: Node, named name: String) -> [Node] {
        node.isMapping ? node.entries.filter { $0.key.text == name }.map(\.value) : []
    }
}

extension UInt8 {
    fileprivate var isASCIIWhitespace: Bool { self == 0x20 || self == 0x0A || self == 0x0D || self == 0x09 }
}
