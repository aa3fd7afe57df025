import Testing
@testable import IdlintEngine

@Suite("Identity-provider pack")
struct IdentityProviderTests {
    private static let realm = """
    {
      "realm": "payments",
      "accessTokenLifespan": 3600,
      "clients": [
        {"clientId": "ledger", "secret": "kX9vQ2mT7pLw4RzB8nYc", "attributes": {"access.token.lifespan": "1200"}}
      ]
    }
    """

    @Test("a partial realm export with most keys missing is scanned without error")
    func partialExport() {
        let result = scan(["partial.json": #"{"realm": "sparse", "clients": [{"clientId": "x"}, {}, {"redirectUris": ["*"]}]}"#])
        #expect(result.diagnostics.filter { $0.level == .error }.isEmpty)
        #expect(result.findings(of: "REDIRECT-URI-WILDCARD-HOST").map(\.location.line) == [1])
    }

    @Test("every realm of a multi-realm export is an object of its own")
    func multiRealmExport() {
        let text = """
        [
          {"realm": "a", "sslRequired": "none"},
          {"realm": "b", "sslRequired": "none"}
        ]
        """
        let findings = scan(["realms.json": text]).findings(of: "KEYCLOAK-SSL-NOT-REQUIRED")
        #expect(findings.map(\.location.line) == [2, 3])
        #expect(findings.map(\.message) == ["realm a accepts plain HTTP (sslRequired none)", "realm b accepts plain HTTP (sslRequired none)"])
    }

    @Test("thresholds come from the configuration")
    func configuredThreshold() throws {
        #expect(scan(["realm.json": Self.realm]).findings(of: "IDP-ACCESS-TOKEN-LIFESPAN").map(\.location.line) == [3, 5])
        var library = builtInLibrary
        var configuration = try ScanConfiguration.load(text: "thresholds: {access-token-lifespan-seconds: 1800}", path: ".idlint.yaml")
        try configuration.apply(to: &library)
        let inputs = [InputFile(displayPath: "realm.json", source: .content(Array(Self.realm.utf8)))]
        let result = IdentityScanner(library: library, configuration: configuration).scan(files: inputs)
        #expect(result.findings(of: "IDP-ACCESS-TOKEN-LIFESPAN").map(\.location.line) == [3])
        configuration.thresholds = ["acess-token-lifespan-seconds": 60]
        #expect(throws: DataFileError.self) { try configuration.apply(to: &library) }
    }

    @Test("a rule that names an unknown threshold is rejected with its position")
    func unknownThresholdInRule() throws {
        var library = builtInLibrary
        let rule = singleRuleFile(id: "ORG-TOKEN-LIFETIME", match: "{kinds: [keycloak.realm], each: accessTokenLifespan, where: {above: token-lifetime}}")
        try library.load(text: rule, path: "org.yaml", isBuiltIn: false)
        let error = #expect(throws: DataFileError.self) { try library.resolveReferences() }
        #expect(error?.file == "org.yaml" && error?.position?.line == 2)
        #expect(error?.description.contains("token-lifetime") == true)
    }

    @Test("client secrets and private key parameters are never printed whole")
    func secretsRedacted() {
        let jwks = #"{"keys": [{"kty": "oct", "kid": "h1", "k": "GawgguFyGrWKav7AX4VKUg"}]}"#
        let result = scan(["realm.json": Self.realm, "jwks.json": jwks])
        let secrets = result.findings(of: "IDP-SECRET-IN-CONFIG") + result.findings(of: "JWK-PRIVATE-KEY-PUBLISHED")
        #expect(secrets.count == 2)
        for finding in secrets {
            #expect(!finding.message.contains("kX9vQ2mT7pLw4RzB8nYc") && !finding.message.contains("GawgguFyGrWKav7AX4VKUg"))
            #expect(finding.evidence.map { !$0.contains("kX9vQ2mT7pLw4RzB8nYc") && !$0.contains("GawgguFyGrWKav7AX4VKUg") } ?? true)
        }
    }

    @Test("Entra permissions are named in the message and credential dates may carry fractions of a second")
    func entraManifest() {
        let manifest = """
        {"appId": "a1", "displayName": "sync", "signInAudience": "AzureADMyOrg",
         "requiredResourceAccess": [{"resourceAppId": "00000003-0000-0000-c000-000000000000",
           "resourceAccess": [{"id": "06B708A9-E830-4DB3-A914-8E69DA51D44F", "type": "Role"}]}],
         "passwordCredentials": [{"startDateTime": "2026-01-01T00:00:00.1234567Z", "endDateTime": "2028-01-01T00:00:00.5Z"}]}
        """
        let result = scan(["manifest.json": manifest])
        #expect(result.findings(of: "ENTRA-TENANT-TAKEOVER-PERMISSION").first?.message.contains("AppRoleAssignment.ReadWrite.All") == true)
        #expect(result.findings(of: "ENTRA-CREDENTIAL-LONG-LIVED").map(\.location.line) == [4])
    }

    @Test("base64url key sizes are counted in bits", arguments: [("AQAB", 24), ("AQA", 16), (String(repeating: "A", count: 342), 2048), ("", 0)])
    func keyBits(text: String, bits: Int) {
        #expect(NodeTest.base64urlBits(text) == bits)
    }

    @Test("Go durations are read as seconds", arguments: [("24h", 86_400.0), ("1h30m", 5_400.0), ("90s", 90.0), ("1.5h", 5_400.0)])
    func durations(text: String, seconds: Double) {
        #expect(NodeTest.goDurationSeconds(text) == seconds)
    }

    @Test("text that is not a duration is not a number", arguments: ["", "h", "24x", "12 h", "-"])
    func notDurations(text: String) {
        #expect(NodeTest.goDurationSeconds(text) == nil)
    }

    @Test("a text glob treats '/' like any other character")
    func textGlobSlash() {
        #expect(GlobPattern.overText("*?[*]").matches("https://a.example.com/*"))
        #expect(GlobPattern.overText("http://localhost[:/]*").matches("http://localhost/cb"))
        #expect(!GlobPattern("a?b").matches("a/b"))
    }
}
