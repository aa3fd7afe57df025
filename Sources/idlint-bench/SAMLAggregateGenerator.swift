import Foundation

/// Writes a SAML federation aggregate: one EntitiesDescriptor of `entityCount` identity
/// and service providers, shaped like a federation feed (mdui, organization, contacts,
/// signing and encryption certificates), some of them risky. Every certificate is
/// distinct (its serial number is rewritten), as in a real feed, so none is read twice.
struct SAMLAggregateGenerator {
    /// Certificates made by scripts/make-test-certificates.py: a sound one and a 1024-bit one.
    private static let soundCertificate = "MIIDBDCCAeygAwIBAgIUTYipvhxl4Hy3disqy/xgGyms7PAwDQYJKoZIhvcNAQELBQAwPDEgMB4GA1UEAwwXaWRwLXNpZ25pbmcuZXhhbXBsZS5vcmcxGDAWBgNVBAoMD2lkbGludCBmaXh0dXJlczAeFw0yNTA5MDEwMDAwMDBaFw0yNzA4MzEwMDAwMDBaMDwxIDAeBgNVBAMMF2lkcC1zaWduaW5nLmV4YW1wbGUub3JnMRgwFgYDVQQKDA9pZGxpbnQgZml4dHVyZXMwggEiMA0GCSqGSIb3DQEBAQUAA4IBDwAwggEKAoIBAQDI4Z11sy1EUltpCJyYwXXLcXJRpXVlsBXersK/qhvsxJqO3tvwtlwKQhN5YamoqE0wwDcX3i+mfNzWzcxIUXjWD8Chj6z7MrQPr6UJBzBCkgO38L7t+W/c8Kt78GqY5YNOEjZaqd9sznOXGyM5HYhm2L36/lbBIF170e3O1vz2e8AK1N/Gk9m76a7kuVldplbHZBNyabR59vddyPVBTMwgOessXxCfjz5aWNFilVVTBELVP8sGXP9Wf8DMB4LIsWjdn2krNLtQqqVlMth4usU/+Td1zqpO7uiiWOr1iaK+OpjAiStwQSrC8PHyr1mAjRHYXs/x/WVDRJuoE7j/0SA3AgMBAAEwDQYJKoZIhvcNAQELBQADggEBAE6jO49SLsxvJs4G9qjbww+qFADYJZ5BZcUwoDHLglIXNTAOC1MlhkMvX4ksRXak4lCEZySN8HT4RFuQn75sUjHUNzJ+V75CdFnpG2u5HZxCylzzEoafUi5zO+99FW18efCS934yITNOHf5cCm6x9IHivC8kTOQ4balbFaGwcpEqEN7rt0K3jCuiuqiEaoAhkR/RAc87Qx5cu+Jd4AJe1zsm11N9zoiGk1F2d6Bgw+xtH2lrLFuueB49d6Tk1IVp0FqdtkFwRMq9bndbKaeILuI2JqZGBiDI0XGtwa4mGq58Ixsz3DDa2S+nJwYYOunDphUvVQ+bGQ7Kb3oV3useXj0="
    private static let weakCertificate = "MIIB+zCCAWSgAwIBAgIUZbR7R68yIki1O/TdQDoCphU+/PgwDQYJKoZIhvcNAQELBQAwOjEeMBwGA1UEAwwVbGVnYWN5LXNwLmV4YW1wbGUub3JnMRgwFgYDVQQKDA9pZGxpbnQgZml4dHVyZXMwHhcNMjUwOTAxMDAwMDAwWhcNMjcwODMxMDAwMDAwWjA6MR4wHAYDVQQDDBVsZWdhY3ktc3AuZXhhbXBsZS5vcmcxGDAWBgNVBAoMD2lkbGludCBmaXh0dXJlczCBnzANBgkqhkiG9w0BAQEFAAOBjQAwgYkCgYEA8dkHPx+WtWOal5r1sSB4gsdmlxV+tinZ19AwIvMnyj7aSaaPvDt02Pf7qMLdXqpdznroX9cPdQ2hoDYva8IJ1XjjEowMoqxDU00DmnY8IH3/EZ1yX2Hi0MMkYQ/u0UlmKwxBVaSkYc8sQAUPxG1l9Tz+dq7CZecpm692Q7B5wKsCAwEAATANBgkqhkiG9w0BAQsFAAOBgQBQbINztEUfGP25j90oWW35MlvxhaoN4IoG3fDJRXmaQa9cqcWr61ulZsPeQbRsHI7p5wLU6+ZZ3tYYqJMzs+evNw34wvHV0hePo4xmc0ezWIa3ICYRv+Tlz8OEcf5kPIVB8UcDwpDRT/uOHUrZ6YeDKApUUIhiIsWdMoEi+atvUQ=="

    /// Writes `federation.xml` into `folder`; returns its size in bytes.
    static func write(entityCount: Int, to folder: URL) throws -> Int {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let sound = [UInt8](Data(base64Encoded: soundCertificate)!)
        let weak = [UInt8](Data(base64Encoded: weakCertificate)!)
        var text = """
        <?xml version="1.0" encoding="UTF-8"?>
        <md:EntitiesDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#"
            xmlns:mdui="urn:oasis:names:tc:SAML:metadata:ui" Name="urn:example:bench-federation" validUntil="2099-01-01T00:00:00Z">

        """
        text.reserveCapacity(entityCount * 4_500)
        for index in 0..<entityCount {
            let isIdentityProvider = index % 4 == 0
            let host = "\(isIdentityProvider ? "idp" : "sp")\(index).members.example.org"
            let scheme = index % 97 == 0 ? "http" : "https"
            let signing = certificate(index % 61 == 0 ? weak : sound, serial: index * 2)
            let encryption = certificate(sound, serial: index * 2 + 1)
            let role: String
            if isIdentityProvider {
                role = """
                    <md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol"\(index % 41 == 0 ? " WantAuthnRequestsSigned=\"false\"" : "")>
                      <md:KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>
                \(signing)
                      </ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>
                      <md:SingleLogoutService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="https://\(host)/slo"/>
                      <md:NameIDFormat>urn:oasis:names:tc:SAML:2.0:nameid-format:persistent</md:NameIDFormat>
                      <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="\(scheme)://\(host)/sso"/>
                      <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="https://\(host)/sso/post"/>
                    </md:IDPSSODescriptor>
                """
            } else {
                role = """
                    <md:SPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol" AuthnRequestsSigned="true" WantAssertionsSigned="\(index % 53 == 0 ? "false" : "true")">
                      <md:KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>
                \(signing)
                      </ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>
                      <md:KeyDescriptor use="encryption"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>
                \(encryption)
                      </ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>
                      <md:AssertionConsumerService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="\(scheme)://\(host)/acs" index="0"/>
                    </md:SPSSODescriptor>
                """
            }
            text += """
              <md:EntityDescriptor entityID="https://\(host)/shibboleth">
                <md:Extensions>
                  <mdui:UIInfo><mdui:DisplayName xml:lang="en">Member \(index)</mdui:DisplayName>
                    <mdui:Description xml:lang="en">A member service of the benchmark federation.</mdui:Description></mdui:UIInfo>
                </md:Extensions>
            \(role)
                <md:Organization><md:OrganizationName xml:lang="en">Member \(index)</md:OrganizationName>
                  <md:OrganizationURL xml:lang="en">https://www\(index).members.example.org/</md:OrganizationURL></md:Organization>
                <md:ContactPerson contactType="technical"><md:EmailAddress>mailto:it@members.example.org</md:EmailAddress></md:ContactPerson>
              </md:EntityDescriptor>

            """
        }
        text += "</md:EntitiesDescriptor>\n"
        try Data(text.utf8).write(to: folder.appendingPathComponent("federation.xml"))
        return text.utf8.count
    }

    /// The certificate with its 20-byte serial number (at byte 15 of these DER encodings)
    /// rewritten, as base64 in 64-character lines.
    private static func certificate(_ der: [UInt8], serial: Int) -> String {
        var bytes = der
        var value = UInt64(serial) &* 0x9E37_79B9_7F4A_7C15
        for offset in 0..<8 {
            bytes[15 + 12 + offset] = UInt8(truncatingIfNeeded: value)
            value >>= 8
        }
        let text = Data(bytes).base64EncodedString()
        var lines: [Substring] = []
        var rest = text[...]
        while !rest.isEmpty {
            lines.append(rest.prefix(64))
            rest = rest.dropFirst(64)
        }
        return lines.joined(separator: "\n")
    }
}
