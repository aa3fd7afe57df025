import Foundation
import Testing
@testable import IdlintEngine

@Suite("Credential content")
struct CredentialContentTests {
    @Test("credentials are recognised by what they hold", arguments: [
        "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----",
        "ghp_" + String(repeating: "a1B2", count: 9),
        "AKIA" + "Q3EXAMPLEW7KEY42",
        "postgres://orders:Qm7vLx2pWs9@db.shop.svc:5432/orders",
        "apiVersion: 1\ndatasources:\n  - name: es\n    secureJsonData:\n      basicAuthPassword: Vq3-lantern-harbor",
        "{\"client_secret\": \"r4nd0m-but-readable\"}",
        "SMTP_HOST=mail\nSMTP_PASSWORD=correct-horse",
        "q8Zr3Vt1Xw6Lp0Nd4Hs7Kb2F",
        "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b",
        "https://hooks.slack.com/services/EXAMPLE/EXAMPLE/example-path",
        "[default]\naws_secret_access_key = not-a-real-key-but-set",
        // Base64 of random bytes, as a Secret's data holds a key.
        "3q2+7wABAgMEBQYHCAkKCwwNDg8QERITFBUWFxg=",
        // Base64 of text with a password.
        Data("password: hunter22".utf8).base64EncodedString(),
    ])
    func credentials(text: String) {
        #expect(CredentialContent.holdsCredential(text), "\(text)")
    }

    @Test("settings are not credentials", arguments: [
        "Europe/Berlin", "RXVyb3BlL0Jlcmxpbg==", "info", "true", "8080",
        "https://prometheus-operated.monitoring.svc:9090",
        "postgres://orders@db.shop.svc:5432/orders",
        "postgres://orders:${DB_PASSWORD}@db:5432/orders",
        "apiVersion: 1\ndatasources:\n  - name: Prometheus\n    url: http://prometheus:9090\n    basicAuth: false\n    jsonData:\n      tokenUrl: https://login.example.org/token",
        "password: ${DB_PASSWORD}\ntoken: <set at deploy time>\nsecretName: tls-cert\npassword_file: /run/secrets/db",
        "arn:aws:iam::123456789012:role/AppRole", "Prod2024EuropeWestCluster", "ClusterIssuer-LetsEncrypt-Prod2",
        "registry.example.com/team/app:1.2.3", "org.apache.kafka.common.security.plain.PlainLoginModule",
        "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIU\n-----END CERTIFICATE-----",
    ])
    func settings(text: String) {
        #expect(!CredentialContent.holdsCredential(text), "\(text)")
    }

    @Test("key names are split into words, and only the last names what the value is")
    func keyNames() {
        #expect(CredentialContent.isCredentialName("basicAuthPassword"))
        #expect(CredentialContent.isCredentialName("AWS_SECRET_ACCESS_KEY"))
        #expect(CredentialContent.isCredentialName("client-secret"))
        #expect(!CredentialContent.isCredentialName("tokenUrl"))
        #expect(!CredentialContent.isCredentialName("secretName"))
        #expect(!CredentialContent.isCredentialName("cache_key"))
        #expect(CredentialContent.isCredentialName("PGPASSWORD") && CredentialContent.isCredentialName("DB_PASS") && CredentialContent.isCredentialName("MYSQL_PWD"))
        #expect(!CredentialContent.isCredentialName("bypass") && !CredentialContent.isCredentialName("KEYCLOAK_URL"))
        #expect(!CredentialContent.isCredentialName("OPENAI_KEY") && CredentialContent.isCredentialName("OPENAI_KEY", bareKeyCounts: true))
    }
}
