import Foundation
import Testing
@testable import IdlintEngine

/// Certificates made by scripts/make-test-certificates.py (self-signed, fixed dates).
enum TestCertificates {
    static let goodRsa = "MIIDBDCCAeygAwIBAgIUTYipvhxl4Hy3disqy/xgGyms7PAwDQYJKoZIhvcNAQELBQAwPDEgMB4GA1UEAwwXaWRwLXNpZ25pbmcuZXhhbXBsZS5vcmcxGDAWBgNVBAoMD2lkbGludCBmaXh0dXJlczAeFw0yNTA5MDEwMDAwMDBaFw0yNzA4MzEwMDAwMDBaMDwxIDAeBgNVBAMMF2lkcC1zaWduaW5nLmV4YW1wbGUub3JnMRgwFgYDVQQKDA9pZGxpbnQgZml4dHVyZXMwggEiMA0GCSqGSIb3DQEBAQUAA4IBDwAwggEKAoIBAQDI4Z11sy1EUltpCJyYwXXLcXJRpXVlsBXersK/qhvsxJqO3tvwtlwKQhN5YamoqE0wwDcX3i+mfNzWzcxIUXjWD8Chj6z7MrQPr6UJBzBCkgO38L7t+W/c8Kt78GqY5YNOEjZaqd9sznOXGyM5HYhm2L36/lbBIF170e3O1vz2e8AK1N/Gk9m76a7kuVldplbHZBNyabR59vddyPVBTMwgOessXxCfjz5aWNFilVVTBELVP8sGXP9Wf8DMB4LIsWjdn2krNLtQqqVlMth4usU/+Td1zqpO7uiiWOr1iaK+OpjAiStwQSrC8PHyr1mAjRHYXs/x/WVDRJuoE7j/0SA3AgMBAAEwDQYJKoZIhvcNAQELBQADggEBAE6jO49SLsxvJs4G9qjbww+qFADYJZ5BZcUwoDHLglIXNTAOC1MlhkMvX4ksRXak4lCEZySN8HT4RFuQn75sUjHUNzJ+V75CdFnpG2u5HZxCylzzEoafUi5zO+99FW18efCS934yITNOHf5cCm6x9IHivC8kTOQ4balbFaGwcpEqEN7rt0K3jCuiuqiEaoAhkR/RAc87Qx5cu+Jd4AJe1zsm11N9zoiGk1F2d6Bgw+xtH2lrLFuueB49d6Tk1IVp0FqdtkFwRMq9bndbKaeILuI2JqZGBiDI0XGtwa4mGq58Ixsz3DDa2S+nJwYYOunDphUvVQ+bGQ7Kb3oV3useXj0="
    static let goodEc = "MIIBdzCCARygAwIBAgIUfQXxtVL+BImflWzRusYcKHw4gDEwCgYIKoZIzj0EAwIwOzEfMB0GA1UEAwwWc3Atc2lnbmluZy5leGFtcGxlLm9yZzEYMBYGA1UECgwPaWRsaW50IGZpeHR1cmVzMB4XDTI1MDkwMTAwMDAwMFoXDTI3MDgzMTAwMDAwMFowOzEfMB0GA1UEAwwWc3Atc2lnbmluZy5leGFtcGxlLm9yZzEYMBYGA1UECgwPaWRsaW50IGZpeHR1cmVzMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAElvMWEAiCCj99Y0TPx8vHIwqeeku9Kx3ggexZooKtbTVRJ0GQf+UAB00XANBYFGqZXiQkII/pHrfBHN8kFyHpLjAKBggqhkjOPQQDAgNJADBGAiEAwzOaM0eV2tKM1igs5s9Z01fAD4mHMTDVIRlTLat7yP8CIQDGL92iBH2Hj2CsOpuUplB7sZP/HrvXn0hHUx2bogjNnQ=="
    static let expired = "MIIC/DCCAeSgAwIBAgIUYxq/5zrD+g6Edh3+lU00drxgVeowDQYJKoZIhvcNAQELBQAwODEcMBoGA1UEAwwTb2xkLWlkcC5leGFtcGxlLm9yZzEYMBYGA1UECgwPaWRsaW50IGZpeHR1cmVzMB4XDTIyMDMwMTAwMDAwMFoXDTI0MDMwMTAwMDAwMFowODEcMBoGA1UEAwwTb2xkLWlkcC5leGFtcGxlLm9yZzEYMBYGA1UECgwPaWRsaW50IGZpeHR1cmVzMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA3fWuD0ISrp96P0XpHiHkfo24ZF+d2Sy1KKdJN9+eHEh/UomMEM3WYFjAAJSoSzf48qmW9osVEOadKnOhsD20i+YRW700g1kbw9onfPbOuDSLE/q4sft5oMofQMcR584+vtVOgFHaDlN1DePcreN4CUkeCACnt3AFh8Vk6sBKg57Hl2Rv2Q2G3RYY5Pgwd0BchbGdiOV28eSpy5Mf8ovk+rM7iy7em94M6fg/bcDiPgqCYzWicD0JLgrfcGWBNLQ30ypsX2PNlhaGdySekHlMui7CHYLnA2Y+pMDsNa7ogS4R5qeDOwzRuvhPGNhHXkeOYT8UFcY4F2/xhA0JIp1Y0wIDAQABMA0GCSqGSIb3DQEBCwUAA4IBAQCAKlJgqrCN3g1XMm8fkP77UoB5N+u6DmHstW8LNak5cCDb+u+8x55x43xbrnbymXLPcaXR0QAme3+eh6RdZNUXRUid4bef4sFoPC7FLn+cYxA0fP0dfJhqJbCCaqRJN3ZzFaYkSpPUcCZUf/gc2J8iBDCVp6OrWISVPcXkJDKQ17hBaJ7oRMxNVz8oLm07x+MwMfOYwLyDAshvUHv+t0AtUXxhkRP2TnodC+GpXzzmqVguKvMNSivKAM/6PnFmrVtSF36CtBIKA0auWmk4M9pVQoWNkRyg0tvXOSVX9p5Fc5OYwy8ki7qDm6uW5B01FsUWj/P8v2hrkP+8FWHIXV3e"
    static let expiring = "MIIDBjCCAe6gAwIBAgIUabrOpVy5jX79HqhS/lh6omr3ayEwDQYJKoZIhvcNAQELBQAwPTEhMB8GA1UEAwwYcm90YXRpbmctaWRwLmV4YW1wbGUub3JnMRgwFgYDVQQKDA9pZGxpbnQgZml4dHVyZXMwHhcNMjQwNjIwMDAwMDAwWhcNMjYwNjIwMDAwMDAwWjA9MSEwHwYDVQQDDBhyb3RhdGluZy1pZHAuZXhhbXBsZS5vcmcxGDAWBgNVBAoMD2lkbGludCBmaXh0dXJlczCCASIwDQYJKoZIhvcNAQEBBQADggEPADCCAQoCggEBAJqLBZU7y/4WOFb0b8XLq3kW+BIHMN7O2g1Xue8pp1eHpNiupaTJhUo0iZTVqSZR64zRCuUT4TUas0I0mnxFPQz/qMPumXj+uEx4VJPpmy1Jj/o36lbxyXlzdcMAjT8e8VaS/lAtkYNFUqPdkvUFYfCzklaCr8/jlxkCsHu03FwigmYmmAU0EHdxhyqSY4XslDyu0tWnsTxNLWoYGcTcKVMCaG6F3XaODrnq/akbuHYHMoJWAMbMrIPqii1PNbfvhQKW+8hjSiIkmlRUZzZB1xtn3LSBtJBwKyg8KywXMpgenTrQEs68leoCZddhd0kd+D5cf1qjRfP1nHgZNYeb2wcCAwEAATANBgkqhkiG9w0BAQsFAAOCAQEAQYlDuffxspO5WKjv3Xd6+K3JrvHShLz2xq7y/ok/tdoJ2kFDi8FkjqkBsxMyN5rHz15Ig0ItU8NXvfKZzQUAM1SClQvCBdLKKOZakZWGpP7IPFGMkbSx62tssj8ueqsy4PtFFMTHAj4675PVsUFRHylJTpvYZrYydP+MrCAI4HWzXXyYOSuc7pWgbvkkUONTCEvD4n5Kgv3B4NR1yEVskcIxkqWt7VNvH5coWo6rwTW2jBGbJAes4KqP1fG3XyXQekUhrrSC+X28afE0F8T4yutHPyI5TBIUwfQfTc+2Htt/8w9YlBrYEcGt2Jnuqbu5y19J+JkCv8NMiI68vbwKdQ=="
    static let weakKey = "MIIB+zCCAWSgAwIBAgIUZbR7R68yIki1O/TdQDoCphU+/PgwDQYJKoZIhvcNAQELBQAwOjEeMBwGA1UEAwwVbGVnYWN5LXNwLmV4YW1wbGUub3JnMRgwFgYDVQQKDA9pZGxpbnQgZml4dHVyZXMwHhcNMjUwOTAxMDAwMDAwWhcNMjcwODMxMDAwMDAwWjA6MR4wHAYDVQQDDBVsZWdhY3ktc3AuZXhhbXBsZS5vcmcxGDAWBgNVBAoMD2lkbGludCBmaXh0dXJlczCBnzANBgkqhkiG9w0BAQEFAAOBjQAwgYkCgYEA8dkHPx+WtWOal5r1sSB4gsdmlxV+tinZ19AwIvMnyj7aSaaPvDt02Pf7qMLdXqpdznroX9cPdQ2hoDYva8IJ1XjjEowMoqxDU00DmnY8IH3/EZ1yX2Hi0MMkYQ/u0UlmKwxBVaSkYc8sQAUPxG1l9Tz+dq7CZecpm692Q7B5wKsCAwEAATANBgkqhkiG9w0BAQsFAAOBgQBQbINztEUfGP25j90oWW35MlvxhaoN4IoG3fDJRXmaQa9cqcWr61ulZsPeQbRsHI7p5wLU6+ZZ3tYYqJMzs+evNw34wvHV0hePo4xmc0ezWIa3ICYRv+Tlz8OEcf5kPIVB8UcDwpDRT/uOHUrZ6YeDKApUUIhiIsWdMoEi+atvUQ=="
    static let longLived = "MIIDBDCCAeygAwIBAgIUK0Lzpa9dt/2LziAn3BvCmQ/PjvQwDQYJKoZIhvcNAQELBQAwPDEgMB4GA1UEAwwXZm9yZXZlci1pZHAuZXhhbXBsZS5vcmcxGDAWBgNVBAoMD2lkbGludCBmaXh0dXJlczAeFw0xNjAxMDEwMDAwMDBaFw0zNjAxMDEwMDAwMDBaMDwxIDAeBgNVBAMMF2ZvcmV2ZXItaWRwLmV4YW1wbGUub3JnMRgwFgYDVQQKDA9pZGxpbnQgZml4dHVyZXMwggEiMA0GCSqGSIb3DQEBAQUAA4IBDwAwggEKAoIBAQC0o5Q9RoGrS2Qs+SaPten1irJFuj4ai1IhMaYDkPiK+5EAKtSesFwU5Igiq5ffWYKmR/OShEw5aD0Yr3jGXJYZN5ajN25Ibe66/1McjmsPXigeNBp2JQ7CCeu/mHFW2i+yNHSqqiHti1LDL9cLUhnRBfzqirXq+iTOzFJVwRbUZwD4HopDKGEp2Dn4WeyOlSAtOB1Ywj3meOVnP/gPCLaUFqFrAaO0Q+HsxL0FxjEz5hrD+ekzuUt/HlaT2cxEunS80yUfzRpVblwIpaZwced+HKna7QDPXqVMZGW2aKbW7Tgr/HHF7WZBjBO7vz7SPcmBk5V5IW7x8LQF8n1KRZpZAgMBAAEwDQYJKoZIhvcNAQELBQADggEBABZ4ho9Ec8tLkIIjVPkLZbxEipOgTl3pa8SUp4Bgo9YWk5mI8969uXzNFSnMX9I9Ee5yQO11Y6ioQb//YlauA2lAAO1RbiiWU4lkWssuklj9kYkGYudwUowW3JT2zczobMP2YmgyE1qD0PmaefGNprsqBDNlFvYTiJKR3UBdTocjL+c6oxy1mXIfQ7pBJeTMi7CwmAMvQ4j7urdu6ueDRN79zD9rW/JW84llrpetr3p5kEQdU2nR3AfESkoO8pCYAfKuUeCmarTMn1vRAMSXZUqdiRKd+yzUGQ3SUJiXi+V1oQVWr3ZTRSYelSBArKVVDZ4XsO5O+etlyuTxkPj3XGk="
    static let sha1 = "MIIDUzCCAjugAwIBAgIUZQxCyp0A/dkQ41854VDc0g/tOdEwDQYJKoZIhvcNAQEFBQAwOTEdMBsGA1UEAwwUc2hhMS1pZHAuZXhhbXBsZS5vcmcxGDAWBgNVBAoMD2lkbGludCBmaXh0dXJlczAeFw0yNjExMjkwNDI5MTFaFw0yODExMjgwNDI5MTFaMDkxHTAbBgNVBAMMFHNoYTEtaWRwLmV4YW1wbGUub3JnMRgwFgYDVQQKDA9pZGxpbnQgZml4dHVyZXMwggEiMA0GCSqGSIb3DQEBAQUAA4IBDwAwggEKAoIBAQCrTqLX2eBCQNW9BqKW4CmhSpjem7qsI83pPEnNz6yx9OsGa6X42yUGbVGfwOugSJZ5FKaXAZjoEDsmHYHnwp4kmXI9dwDhFtAQXjot4qOzPT4I3Y1Z3RNIqEKe2E2DctZnErdKeqRuOU/U1m9Yp6iyCevGP1IrhIiLkM6sO/DYWgKyvC+C+K8CEtQwEN9kYZwXAD994xdQ/a7DMBGmziXrYUvUh6Ngv14et9Z68n9+HBDEPHtsr3NygEMtX4fyO2iaRGqaQ5RDcECG0BkdC5QWuO11vUJI9PBe1xtrV5RigpexzeUwDcsxMpvNg+aQvErBSGtG52Fnmb8rn2wg+o8pAgMBAAGjUzBRMB0GA1UdDgQWBBRmh/08HP01HuobWsmSQh94SmKVxDAfBgNVHSMEGDAWgBRmh/08HP01HuobWsmSQh94SmKVxDAPBgNVHRMBAf8EBTADAQH/MA0GCSqGSIb3DQEBBQUAA4IBAQAxdFvIEABCpzOdit0W4GSYQmaOWdvseZ5o1N6PM3tKCMbpFSo5O2KZA3FAsz85/fVSpjoWvfC7dJwFm77iJ1Dpe/xIBKuazzaNHrDuvgNFGOcgmMbTvW9ZhZWFiOHxOeH5PzdPNdaz8/VeOAPVVxfYtautNiLAqZKbq4GkTBNaFLET31Ga+CwMNd98Ox6+o2qHDuEGSfTrdIVvY+6pSaHRyNTZfnGqRjdt74z5CZZsUD8BqtjfKMaJtuiUL1ifv6COVx9e3Hr0YT3XMBWn1AwB2Uoj27eNCPFS+Qg7CAK1ZREg9fUHvEGXyIo2Flb+sltNKlLVq+2cgGDboQNlSxRs"
}

@Suite("Certificates")
struct CertificateTests {
    @Test("a sound certificate is read by swift-certificates, with subject, dates, key and signature")
    func soundCertificate() throws {
        let facts = try #require(CertificateDecoder.read(TestCertificates.goodRsa).facts)
        #expect(facts.subject.contains("CN=idp-signing.example.org"))
        #expect(facts.keyAlgorithm == "RSA")
        #expect(facts.keyBits == 2048)
        #expect(facts.signatureAlgorithm == "sha256WithRSAEncryption")
        #expect(!facts.hasWeakSignature)
        #expect(facts.strictReaderRefusal == nil)
        #expect(SuppressionPolicy.day(facts.notAfter) == "2027-08-31")
        #expect(facts.summary.contains("valid until 2027-08-31, RSA 2048 bits"))
    }

    @Test("a 1024-bit RSA key, which swift-certificates refuses, is still described through swift-asn1")
    func weakKeyFallsBack() throws {
        let facts = try #require(CertificateDecoder.read(TestCertificates.weakKey).facts)
        #expect(facts.keyBits == 1024)
        #expect(facts.isRSA)
        #expect(facts.strictReaderRefusal != nil)
        #expect(facts.subject.contains("legacy-sp.example.org"))
        #expect(SuppressionPolicy.day(facts.notAfter) == "2027-08-31")
    }

    @Test("EC keys are measured by curve; SHA-1 signatures are weak")
    func curvesAndSignatures() throws {
        let ec = try #require(CertificateDecoder.read(TestCertificates.goodEc).facts)
        #expect(ec.keyAlgorithm == "EC P-256")
        #expect(ec.keyBits == 256)
        #expect(!ec.isRSA)
        let sha1 = try #require(CertificateDecoder.read(TestCertificates.sha1).facts)
        #expect(sha1.hasWeakSignature)
        #expect(sha1.signatureAlgorithm == "sha1WithRSAEncryption")
    }

    @Test("PEM armour and line breaks are accepted; garbage is unreadable with a reason", arguments: [
        ("-----BEGIN CERTIFICATE-----\n" + TestCertificates.goodRsa.chunked(64) + "\n-----END CERTIFICATE-----", true),
        ("not base64 at all!", false),
        ("AAAA", false),
        (String(TestCertificates.goodRsa.dropLast(40)), false),
    ])
    func textForms(text: String, readable: Bool) {
        let reading = CertificateDecoder.read(text)
        #expect((reading.facts != nil) == readable, "\(reading)")
        if !readable, case .unreadable(let reason) = reading { #expect(!reason.isEmpty) }
    }
}

extension String {
    /// The text broken into lines of `width` characters, as PEM and XML writers do.
    func chunked(_ width: Int) -> String {
        var lines: [Substring] = []
        var rest = self[...]
        while !rest.isEmpty {
            lines.append(rest.prefix(width))
            rest = rest.dropFirst(width)
        }
        return lines.joined(separator: "\n")
    }
}
