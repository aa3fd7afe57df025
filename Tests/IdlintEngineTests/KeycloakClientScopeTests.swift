import Testing
@testable import IdlintEngine

/// A Keycloak client's default and optional client scopes as its grants: a new scope is
/// a gain of the client; names, descriptions and order are nothing.
@Suite("Keycloak client scopes as grants of the client")
struct KeycloakClientScopeTests {
    static func realm(clients: String, defaults: String = #"["profile", "email"]"#) -> String {
        """
        {
          "realm": "employees",
          "enabled": true,
          "defaultDefaultClientScopes": \(defaults),
          "defaultOptionalClientScopes": ["phone"],
          "clients": [\(clients)]
        }
        """
    }

    static let ownScopes = #"{"clientId": "hr-portal", "name": "HR portal", "defaultClientScopes": ["profile", "email"], "optionalClientScopes": ["phone"]}"#

    static func gains(_ comparison: ChangeComparison, of client: String) -> [String] {
        comparison.privilegeDelta.filter { $0.principal.name == "employees/\(client)" }.flatMap(\.gained).map(\.description)
    }

    @Test("a client that gains offline_access and a custom admin scope gains both; an optional scope made default gains 'every token'")
    func gainedScopes() {
        let head = Self.ownScopes.replacingOccurrences(of: #""defaultClientScopes": ["profile", "email"]"#, with: #""defaultClientScopes": ["profile", "email", "admin:users", "phone"]"#)
            .replacingOccurrences(of: #""optionalClientScopes": ["phone"]"#, with: #""optionalClientScopes": ["offline_access"]"#)
        let comparison = compareInMemory(["realm.json": Self.realm(clients: Self.ownScopes)], ["realm.json": Self.realm(clients: head)])
        #expect(Set(Self.gains(comparison, of: "hr-portal")) == [
            "receive scope admin:users in every token", "receive scope phone in every token", "receive scope offline_access when the client asks for it",
        ])
        #expect(comparison.verdict != .pass, "\(comparison.reasons)")
    }

    @Test("a client without its own lists takes the realm's defaults, so a realm default added reaches it")
    func realmDefaults() {
        let bare = #"{"clientId": "wiki", "name": "Wiki"}"#
        let comparison = compareInMemory(["realm.json": Self.realm(clients: bare + ", " + Self.ownScopes)],
                                         ["realm.json": Self.realm(clients: bare + ", " + Self.ownScopes, defaults: #"["profile", "email", "offline_access"]"#)])
        #expect(Self.gains(comparison, of: "wiki") == ["receive scope offline_access in every token"])
        #expect(Self.gains(comparison, of: "hr-portal").isEmpty, "a client's own list replaces the realm's")
    }

    @Test("display names, descriptions and the order of scopes change nothing")
    func harmless() {
        let head = Self.ownScopes.replacingOccurrences(of: #""name": "HR portal""#, with: #""name": "People portal", "description": "HR self-service""#)
            .replacingOccurrences(of: #"["profile", "email"]"#, with: #"["email", "profile"]"#)
        let comparison = compareInMemory(["realm.json": Self.realm(clients: Self.ownScopes)], ["realm.json": Self.realm(clients: head)])
        #expect(comparison.privilegeDelta.isEmpty, "\(comparison.privilegeDelta.map(\.gained))")
        #expect(comparison.verdict == .pass, "\(comparison.reasons)")
    }
}
