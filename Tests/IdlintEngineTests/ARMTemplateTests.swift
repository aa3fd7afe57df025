import Testing
@testable import IdlintEngine
import IdlintSyntax

@Suite("ARM template parameters")
struct ARMTemplateTests {
    private func defaults(_ json: String) throws -> ARMTemplate.Parameters {
        let root = try #require(parseJSON(json))
        var table: ARMTemplate.Parameters = [:]
        root.forEachEntry { name, value in
            table[name.text.lowercased()] = value
            return true
        }
        return table
    }

    private func parseJSON(_ text: String) -> Node? {
        try? EmbeddedPolicyText.parse(text, file: "t.json", with: JSONParser(embeddedAt: SourceSpan(start: SourcePosition(line: 1, column: 1), end: SourcePosition(line: 1, column: 1)))).get().root
    }

    @Test("a whole reference becomes the value; one inside an expression an ARM string literal, quotes doubled")
    func substitution() throws {
        let table = try defaults(#"{"roleid": "8e3af657-a8ff-443c-a75c-2fe8c4bcb635", "label": "ops' team", "scope": "[subscription().id]"}"#)
        #expect(ARMTemplate.substitute("[parameters('roleId')]", table) == "8e3af657-a8ff-443c-a75c-2fe8c4bcb635")
        #expect(ARMTemplate.substitute("[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', PARAMETERS( 'roleId' ))]", table)
            == "[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '8e3af657-a8ff-443c-a75c-2fe8c4bcb635')]")
        #expect(ARMTemplate.substitute("[concat(parameters('label'), '-x')]", table) == "[concat('ops'' team', '-x')]")
        #expect(ARMTemplate.substitute("[parameters('scope')]", table) == "[subscription().id]")
        #expect(ARMTemplate.substitute("[guid(parameters('scope'))]", table) == "[guid(subscription().id)]")
    }

    @Test("a parameter without a default, or no reference at all, is left as written")
    func unresolved() throws {
        let table = try defaults(#"{"roleid": "x"}"#)
        #expect(ARMTemplate.substitute("[parameters('principalId')]", table) == nil)
        #expect(ARMTemplate.substitute("[variables('roleId')]", table) == nil)
        #expect(ARMTemplate.substitute("[parameters('roleId'", table) == nil)
    }
}
