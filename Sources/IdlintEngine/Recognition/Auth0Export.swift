import IdlintSyntax

/// Auth0 tenants as auth0-deploy-cli exports them, in either of its forms:
/// - YAML (`tenant.yaml`): one file, with the `tenant` block or without it, holding
///   `clients`, `clientGrants`, `resourceServers`...: an `auth0.tenant` object (its
///   settings, and the surfaces the change gate watches), and each client, grant and
///   API in its lists as the object the directory form makes of it, so that rules judge
///   and name every client alike, at its own lines, whichever form it came in;
/// - directory: one JSON file per object under `clients/`, `client-grants/` and
///   `resource-servers/`: an `auth0.client`, `auth0.client-grant` or
///   `auth0.resource-server` object each, named after the client or API it is about
///   (a grant after its API: rules name its client with `{@client_id}`).
/// Objects of the directory form are recognised by their content, or by their folder
/// where the content alone is too generic to tell.
enum Auth0Export {
    private static let tenantKeys = ["clients", "resourceServers", "clientGrants", "connections", "databases", "rules", "actions"]
    /// Keys that Auth0's client objects have and other client formats do not share all of.
    private static let clientKeys = ["callbacks", "allowed_logout_urls", "web_origins", "allowed_origins", "is_first_party", "oidc_conformant",
                                     "cross_origin_authentication", "refresh_token", "token_endpoint_auth_method", "grant_types"]

    static func objects(_ document: Document) -> [RecognizedObject]? {
        let root = document.root
        if let tenant = root["tenant"], tenant.isMapping, tenantKeys.contains(where: { root[$0] != nil }) {
            return tenantObjects(root, name: tenant.string("friendly_name") ?? "tenant")
        }
        // An export of some of a tenant's objects, without its settings: its lists are
        // still unmistakably Auth0's.
        if isTenantWithoutSettings(root) {
            return tenantObjects(root, name: document.fileName)
        }
        return object(root, in: document.file).map { [$0] }
    }

    /// The tenant, then the objects of its lists.
    private static func tenantObjects(_ root: Node, name: String) -> [RecognizedObject] {
        var objects = [RecognizedObject(kind: .auth0Tenant, node: root, platform: nil, name: name)]
        for (list, make) in [("clients", client), ("clientGrants", clientGrant), ("resourceServers", resourceServer)] {
            var index = 0
            root[list]?.forEachElement { element in
                if element.isMapping {
                    var object = make(element)
                    // Objects of one file share its document: without a name of their
                    // own, their place in the list keeps them apart.
                    if object.stableID == nil, object.name == nil { object.stableID = "\(list)[\(index)]" }
                    objects.append(object)
                }
                index += 1
                return true
            }
        }
        return objects
    }

    /// Identified by its client id where the export keeps it (two clients may share a
    /// name), else by its name, which the deploy CLI matches clients by.
    private static func client(_ node: Node) -> RecognizedObject {
        var object = RecognizedObject(kind: .auth0Client, node: node, platform: nil, name: node.string("name"))
        object.stableID = node.string("client_id")
        return object
    }

    /// Named by its API: the rules' messages name the client themselves. Identified by
    /// client and API together, so that a second client's grant to the same API is a
    /// finding of its own, not the first one's again.
    private static func clientGrant(_ node: Node) -> RecognizedObject {
        var object = RecognizedObject(kind: .auth0ClientGrant, node: node, platform: nil, name: node.string("audience"))
        object.stableID = "\(node.string("client_id") ?? "?") to \(node.string("audience") ?? "?")"
        return object
    }

    private static func resourceServer(_ node: Node) -> RecognizedObject {
        var object = RecognizedObject(kind: .auth0ResourceServer, node: node, platform: nil, name: node.string("name") ?? node.string("identifier"))
        object.stableID = node.string("identifier")
        return object
    }

    /// One object of the directory form, by its content or, where that is too generic
    /// to tell, its folder.
    private static func object(_ root: Node, in file: String) -> RecognizedObject? {
        let folder = parentFolder(of: file)
        if root["app_type"]?.isScalar == true || root["jwt_configuration"]?.isMapping == true
            || (folder == "clients" && root["name"]?.isScalar == true && clientKeys.contains(where: { root[$0] != nil })) {
            return client(root)
        }
        if isClientGrant(root) { return clientGrant(root) }
        if root["identifier"]?.isScalar == true, root["token_lifetime"] != nil || root["signing_alg"] != nil || folder == "resource-servers" {
            return resourceServer(root)
        }
        return nil
    }

    /// A grant names its client, its API and the scopes as a list (an RFC 7591
    /// registration writes `scope` as one string and has no `audience`).
    private static func isClientGrant(_ node: Node) -> Bool {
        node["client_id"]?.isScalar == true && node["audience"]?.isScalar == true && node["scope"]?.isSequence == true
    }

    private static func isTenantWithoutSettings(_ root: Node) -> Bool {
        if let clients = root["clients"], clients.isSequence, clients.count > 0,
           clients.elements.allSatisfy({ $0["app_type"] != nil || $0["jwt_configuration"] != nil }) {
            return true
        }
        if let grants = root["clientGrants"], grants.isSequence, grants.count > 0, grants.elements.allSatisfy(isClientGrant) {
            return true
        }
        if let servers = root["resourceServers"], servers.isSequence, servers.count > 0,
           servers.elements.allSatisfy({ $0["identifier"]?.isScalar == true }) {
            return true
        }
        return false
    }

    /// `clients` for `tenant/clients/My App.json`; nil for a file at the top.
    private static func parentFolder(of path: String) -> String? {
        let parts = path.split(separator: "/")
        return parts.count >= 2 ? String(parts[parts.count - 2]) : nil
    }
}
