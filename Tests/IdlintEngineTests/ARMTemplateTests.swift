import Testing
@testable import IdlintEngine
import IdlintSyntax

@Suite("ARM template parameters and variables")
struct ARMTemplateTests {
    private func defaults(_ json: String) throws -> ARMTemplate.Values {
        let root = try #require(parseJSON(json))
        var table: ARMTemplate.Values = [:]
        root.forEachEntry { name, value in
            table["parameters('\(name.text.lowercased())')"] = value.text
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
        #expect(try ARMTemplate.substitute("[parameters('roleId')]", table) == "8e3af657-a8ff-443c-a75c-2fe8c4bcb635")
        #expect(try ARMTemplate.substitute("[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', PARAMETERS( 'roleId' ))]", table)
            == "[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '8e3af657-a8ff-443c-a75c-2fe8c4bcb635')]")
        #expect(try ARMTemplate.substitute("[format('{0}-x', parameters('label'))]", table) == "[format('{0}-x', 'ops'' team')]")
        #expect(try ARMTemplate.substitute("[parameters('scope')]", table) == "[subscription().id]")
        #expect(try ARMTemplate.substitute("[guid(parameters('scope'))]", table) == "[guid(subscription().id)]")
    }

    @Test("a parameter without a default, or no reference at all, is left as written")
    func unresolved() throws {
        let table = try defaults(#"{"roleid": "x"}"#)
        #expect(try ARMTemplate.substitute("[parameters('principalId')]", table) == nil)
        #expect(try ARMTemplate.substitute("[variables('roleId')]", table) == nil)
        #expect(try ARMTemplate.substitute("[parameters('roleId'", table) == nil)
    }

    @Test("concat of literals is the text it joins; of anything else, an expression still")
    func concat() throws {
        let table = try defaults(#"{"sub": "0000-1111", "rg": "[resourceGroup().name]"}"#)
        #expect(try ARMTemplate.substitute("[concat('/subscriptions/', parameters('sub'), '/x')]", table) == "/subscriptions/0000-1111/x")
        #expect(try ARMTemplate.substitute("[concat('/rg/', parameters('rg'))]", table) == "[concat('/rg/', resourceGroup().name)]")
        #expect(ARMConcat.folded("[concat('it''s', ' ok')]") == "it's ok")
        #expect(ARMConcat.folded("[concat('a', 'b'") == nil)
        #expect(ARMConcat.folded("[concat()]") == nil)
        #expect(ARMConcat.folded("[concat('[x', ']')]") == nil)
    }

    @Test("variables resolve through parameters and each other; a parameter file's value wins over the default")
    func variables() throws {
        let root = try #require(parseJSON(#"""
        {"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
         "parameters": {"roleGuid": {"type": "string", "defaultValue": "acdd72a7-3385-48ef-bd42-f606fba81ae7"}},
         "variables": {"roleId": "[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', variables('guid'))]",
                       "guid": "[parameters('roleGuid')]", "loop": "[variables('loop')]"},
         "resources": [{"type": "Microsoft.Authorization/roleAssignments",
                        "properties": {"roleDefinitionId": "[variables('roleId')]", "principalId": "[variables('loop')]"}}]}
        """#))
        var problems: [Diagnostic] = []
        let templates = ARMTemplate.templates(of: root, problems: &problems)
        let byDefault = try #require(templates.first)
        let properties = try #require(byDefault["resources"]?.elements.first?["properties"])
        #expect(properties.string("roleDefinitionId") == "[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'acdd72a7-3385-48ef-bd42-f606fba81ae7')]")
        #expect(properties.string("principalId") == "[variables('loop')]")
        let file = try #require(parseJSON(#"{"roleguid": "8e3af657-a8ff-443c-a75c-2fe8c4bcb635"}"#))
        let given = Dictionary(uniqueKeysWithValues: file.entries.map { ($0.key.text, $0.value) })
        let withFile = ARMTemplate.templates(of: root, given: given, problems: &problems)
        let fromFile = try #require(withFile.first)
        #expect(fromFile["resources"]?.elements.first?["properties"]?.string("roleDefinitionId")?.contains("8e3af657-a8ff-443c-a75c-2fe8c4bcb635") == true)
        #expect(problems.isEmpty)
    }

    @Test("a reference standing alone for a list is the list, placed at the expression")
    func structured() throws {
        let root = try #require(parseJSON(#"""
        {"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
         "parameters": {"actions": {"type": "array", "defaultValue": ["Microsoft.Compute/*/read"]}},
         "resources": [{"type": "Microsoft.Authorization/roleDefinitions",
                        "properties": {"permissions": [{"actions": "[parameters('actions')]"}]}}]}
        """#))
        let expression = try #require(root["resources"]?.elements.first?["properties"]?["permissions"]?.elements.first?["actions"])
        var problems: [Diagnostic] = []
        let templates = ARMTemplate.templates(of: root, problems: &problems)
        let byDefault = try #require(templates.first?["resources"]?.elements.first?["properties"]?["permissions"]?.elements.first?["actions"])
        #expect(byDefault.elements.map(\.text) == ["Microsoft.Compute/*/read"])
        #expect(byDefault.elements.first?.start == expression.start)
        let file = try #require(parseJSON(#"{"actions": ["*", "Microsoft.Authorization/*"]}"#))
        let given = Dictionary(uniqueKeysWithValues: file.entries.map { ($0.key.text, $0.value) })
        let withFile = ARMTemplate.templates(of: root, given: given, problems: &problems)
        let fromFile = try #require(withFile.first?["resources"]?.elements.first?["properties"]?["permissions"]?.elements.first?["actions"])
        #expect(fromFile.elements.map(\.text) == ["*", "Microsoft.Authorization/*"])
        #expect(fromFile.elements.allSatisfy { $0.start == expression.start })
        #expect(problems.isEmpty)
    }
}
