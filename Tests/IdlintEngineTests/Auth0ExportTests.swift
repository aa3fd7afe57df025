import Testing
@testable import IdlintEngine

/// auth0-deploy-cli's directory form (one JSON file per client, grant or API) and a YAML
/// export without the tenant block are read like the full tenant export.
@Suite("Auth0 exports")
struct Auth0ExportTests {
    private func kinds(_ files: [String: String]) -> [String: Int] {
        scan(files).statistics.objectsByKind
    }

    @Test("each folder of the directory form gives its own kind, known by content or by folder")
    func directoryForm() {
        let found = kinds([
            "tenant/clients/Field Tablet.json": #"{"name": "Field Tablet", "callbacks": ["com.acme.field://cb"]}"#,
            "tenant/client-grants/Agent-Management API.json": #"{"client_id": "Agent", "audience": "https://acme.eu.auth0.com/api/v2/", "scope": ["read:users"]}"#,
            "tenant/resource-servers/Billing API.json": #"{"name": "Billing API", "identifier": "https://billing.acme.example/"}"#,
        ])
        #expect(found == ["auth0.client": 1, "auth0.client-grant": 1, "auth0.resource-server": 1])
    }

    @Test("a YAML export without the tenant block is a tenant, its lists' entries objects as in the directory form")
    func yamlWithoutTenant() {
        let text = "clients:\n  - name: Kiosk\n    app_type: native\n"
        #expect(kinds(["export.yaml": text]) == ["auth0.tenant": 1, "auth0.client": 1])
        let text2 = "resourceServers:\n  - name: Billing\n    identifier: https://billing.acme.example/\n"
        #expect(kinds(["apis.yaml": text2]) == ["auth0.tenant": 1, "auth0.resource-server": 1])
    }

    @Test("a tenant export's findings name the client, at the client's lines, as the directory form's do")
    func tenantFindingsNameTheClient() throws {
        let tenant = """
        tenant:
          friendly_name: Acme
        clients:
          - name: Kiosk
            app_type: native
            grant_types: [password]
          - name: Billing Worker
            app_type: non_interactive
            client_secret: Zr8pQ2vLx9Tn4Wb7Yc1Md6Hf3Jk0Sa5Ue8Gi
        clientGrants:
          - client_id: Billing Worker
            audience: https://acme.eu.auth0.com/api/v2/
            scope: [read:users, update:users]
        """
        let result = scan(["tenant.yaml": tenant]) { $0.keepsModel = true }
        let password = try #require(result.findings(of: "OIDC-PASSWORD-GRANT").first)
        #expect(password.location.line == 6)
        #expect(password.message.hasPrefix("Kiosk:"), "\(password.message)")
        let secret = try #require(result.findings(of: "IDP-SECRET-IN-CONFIG").first)
        #expect(secret.location.line == 9 && secret.message.hasPrefix("Billing Worker:"), "\(secret.message)")
        #expect(result.findings(of: "AUTH0-MANAGEMENT-API-WRITE-GRANT").map(\.location.line) == [13])
        #expect(!result.findings.contains { $0.message.contains("Acme") })
        // Each grant is a privilege once, where it is written.
        let grants = try #require(result.model).directGrants
        #expect(grants.map(\.principal.name) == ["Billing Worker"])
        #expect(grants.flatMap(\.privileges).map(\.action) == ["read:users", "update:users"])
    }

    @Test("look-alikes are not Auth0 objects", arguments: [
        // A name alone in a clients/ folder says nothing about Auth0.
        ("app/clients/x.json", #"{"name": "x", "version": 2}"#),
        // An RFC 7591 registration writes scope as one string and has no audience.
        ("registration.json", #"{"client_id": "a", "audience": "b", "scope": "read write"}"#),
        // An API identifier outside resource-servers/ without Auth0's settings.
        ("api.json", #"{"identifier": "urn:x", "name": "y"}"#),
        // Lists named like Auth0's that hold something else.
        ("other.yaml", "clients:\n  - name: a\n    url: https://a.example\n"),
    ])
    func lookAlikes(file: String, text: String) {
        #expect(kinds([file: text]).keys.filter { $0.hasPrefix("auth0.") }.isEmpty)
    }

    @Test("a grant file is a privilege of its client in the model, as a tenant's grant is")
    func grantFileInModel() throws {
        let file = #"{"client_id": "Agent", "audience": "https://acme.eu.auth0.com/api/v2/", "scope": ["update:users"]}"#
        let result = scan(["client-grants/agent.json": file]) { $0.keepsModel = true }
        let grants = try #require(result.model).directGrants
        #expect(grants.map(\.principal.name) == ["Agent"])
        #expect(grants.flatMap(\.privileges).map(\.action) == ["update:users"])
    }
}
