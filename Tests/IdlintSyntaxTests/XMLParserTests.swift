import Foundation
import Testing
@testable import IdlintSyntax

@Suite("XML parser")
struct XMLParserTests {
    let metadata = """
    <?xml version="1.0"?>
    <md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="https://idp.example.org">
      <md:IDPSSODescriptor WantAuthnRequestsSigned="false" protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
        <md:SingleSignOnService Binding="urn:b" Location="https://idp.example.org/sso"/><md:SingleSignOnService Binding="urn:c" Location="http://x"/>
      </md:IDPSSODescriptor>
    </md:EntityDescriptor>
    """

    @Test("elements become tagged mappings with positioned attributes and children")
    func treeShape() throws {
        let root = try parse(metadata, as: .xml)[0].root
        #expect(root.tag == "{urn:oasis:names:tc:SAML:2.0:metadata}EntityDescriptor")
        #expect(root.start == position(2, 1))
        #expect(root["@entityID"]?.text == "https://idp.example.org")
        let descriptor = try #require(root["IDPSSODescriptor"])
        #expect(descriptor.start == position(3, 3))
        let signed = try #require(descriptor["@WantAuthnRequestsSigned"])
        #expect(signed.text == "false")
        #expect(signed.start == position(3, 24))
        let services = descriptor.values("SingleSignOnService")
        #expect(services.count == 2)
        #expect(services[0].start == position(4, 5))
        #expect(services[1].start == position(4, 85))
        #expect(services[1]["@Location"]?.start == position(4, 125))
    }

    @Test("external entities are never read: any DOCTYPE is refused")
    func externalEntityRefused() {
        let text = """
        <?xml version="1.0"?>
        <!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
        <r>&xxe;</r>
        """
        let error = parseError(text, as: .xml)
        #expect(error?.reason == .forbiddenConstruct)
        #expect(error?.position == position(2, 1))
    }

    @Test("an entity expansion bomb is refused before expansion")
    func billionLaughsRefused() {
        var text = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n<!ENTITY lol \"lol\">\n"
        for level in 1...9 {
            text += "<!ENTITY lol\(level) \"\(String(repeating: "&lol\(level == 1 ? "" : String(level - 1));", count: 10))\">\n"
        }
        text += "]>\n<lolz>&lol9;</lolz>\n"
        #expect(parseError(text, as: .xml)?.reason == .forbiddenConstruct)
    }

    @Test("malformed XML names line and column")
    func malformed() throws {
        let error = try #require(parseError("<a>\n  <b>\n</a>\n", as: .xml))
        #expect(error.reason == .malformed)
        #expect(error.position?.line == 3)
    }

    @Test("deep nesting is bounded")
    func deepNesting() {
        let text = String(repeating: "<a>", count: 100_000) + String(repeating: "</a>", count: 100_000)
        let error = parseError(text, as: .xml)
        #expect(error != nil)
    }

    @Test("line numbers beyond 65535 stay exact")
    func bigLines() throws {
        let filler = String(repeating: "<x/>\n", count: 70_000)
        let root = try parse("<root>\n\(filler)<last/>\n</root>", as: .xml)[0].root
        #expect(root.values("last").first?.start == position(70_002, 1))
    }

    let aggregate = """
    <?xml version="1.0"?>
    <!-- a federation feed -->
    <md:EntitiesDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" Name="feed" validUntil="2026-12-01T00:00:00Z">
      <ds:Signature><ds:SignedInfo><ds:SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/></ds:SignedInfo></ds:Signature>
      <md:EntityDescriptor entityID="https://a.example.org">
        <md:SPSSODescriptor WantAssertionsSigned="false"/>
      </md:EntityDescriptor>
      <md:EntityDescriptor entityID="https://b.example.org"><md:IDPSSODescriptor/></md:EntityDescriptor>
    </md:EntitiesDescriptor>
    """

    @Test("an EntitiesDescriptor streams: a document for the aggregate, then one per entity, positions exact")
    func aggregateStreams() throws {
        let documents = try parse(aggregate, as: .xml)
        #expect(documents.count == 3)
        let header = documents[0].root
        #expect(header.tag == "{urn:oasis:names:tc:SAML:2.0:metadata}EntitiesDescriptor")
        #expect(header["@validUntil"]?.start == position(3, 130))
        #expect(header["Signature"]?["SignedInfo"]?["SignatureMethod"]?["@Algorithm"]?.start == position(4, 52))
        #expect(header["EntityDescriptor"] == nil, "entities are documents of their own")
        let first = documents[1].root
        #expect(first["@entityID"]?.text == "https://a.example.org")
        #expect(first.start == position(5, 3))
        #expect(first["SPSSODescriptor"]?["@WantAssertionsSigned"]?.start == position(6, 25))
        #expect(documents[2].root.start == position(8, 3))
        #expect(documents[2].root["IDPSSODescriptor"]?.start == position(8, 57))
        #expect(documents.map(\.indexInFile) == [0, 1, 2])
    }

    @Test("a malformed entity in an aggregate names its line; those before it stand")
    func aggregateError() {
        let broken = aggregate.replacingOccurrences(of: "<md:IDPSSODescriptor/>", with: "<md:IDPSSODescriptor>")
        let error = parseError(broken, as: .xml)
        #expect(error?.position?.line == 8)
    }

    @Test("hostile aggregates are refused like any XML: a DOCTYPE, and nesting past the limit inside an entity")
    func hostileAggregates() {
        let bomb = """
        <?xml version="1.0"?>
        <!DOCTYPE md:EntitiesDescriptor [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
        <md:EntitiesDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata"><md:EntityDescriptor entityID="&b;"/></md:EntitiesDescriptor>
        """
        #expect(parseError(bomb, as: .xml)?.reason == .forbiddenConstruct)
        let deep = "<md:EntitiesDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\"><md:EntityDescriptor entityID=\"https://x\">"
            + String(repeating: "<a>", count: 300) + String(repeating: "</a>", count: 300) + "</md:EntityDescriptor></md:EntitiesDescriptor>"
        let error = parseError(deep, as: .xml)
        #expect(error != nil, "nesting deeper than the limit inside a streamed entity is refused")
    }

    @Test("text that is only line breaks and spaces is no text at all; text keeps no surrounding line breaks")
    func whitespaceText() throws {
        let root = try parse("<a>\n    <b>\n</b><c>\r\n  value\n  </c></a>", as: .xml)[0].root
        #expect(root["b"]?["#text"] == nil)
        #expect(root["c"]?["#text"]?.text == "value")
    }
}
