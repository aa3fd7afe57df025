import Foundation
import Testing
@testable import IdlintEngine

/// A template is hostile input: what doubles per variable is refused at a bound, with an
/// error at the expression, and the rest of the template is still judged.
@Suite("ARM template resolution bounds")
struct ARMResolutionBoundsTests {
    private static let schema = "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#"

    /// Variables `v0...v(n-1)`, each the one before `concat`ed twice: 8 × 2^i characters.
    private func doubling(_ count: Int, template: String) -> String {
        var variables = [#""v0": "abcdefgh""#]
        for index in 1..<count {
            variables.append(#""v\#(index)": "[concat(variables('v\#(index - 1)'), variables('v\#(index - 1)'))]""#)
        }
        return #"{"$schema": "\#(Self.schema)", "variables": {\#(variables.joined(separator: ", "))}, \#(template)}"#
    }

    @Test("text that doubles per variable stops at the bound, quickly, with an error at the expression that would pass it")
    func doublingText() {
        let text = doubling(19, template: #"""
        "resources": [{"type": "Microsoft.Authorization/roleDefinitions", "name": "[variables('v18')]",
                       "properties": {"roleName": "r", "permissions": [{"actions": ["*"]}], "assignableScopes": ["/"]}}]
        """#)
        let start = ContinuousClock.now
        let result = scan(["t.json": text])
        #expect(ContinuousClock.now - start < .seconds(3))
        let errors = result.diagnostics.filter { $0.level == .error }
        #expect(errors.contains { $0.file == "t.json" && $0.position?.line == 1 && $0.message.contains("left unresolved") })
        // What does not depend on the refused text is still judged.
        #expect(!result.findings(of: "AZURE-CUSTOM-ROLE-WILDCARD").isEmpty)
    }

    @Test("a list reference that fans out past the bound is left as written, with an error; the template's other references still resolve")
    func fanningList() {
        var variables = [#""a0": ["x"]"#]
        for index in 1...28 {
            variables.append(#""a\#(index)": ["[variables('a\#(index - 1)')]", "[variables('a\#(index - 1)')]"]"#)
        }
        let text = #"""
        {"$schema": "\#(Self.schema)",
         "variables": {\#(variables.joined(separator: ", ")), "perms": [{"actions": ["*"], "notActions": []}]},
         "resources": [{"type": "Microsoft.Authorization/roleDefinitions", "name": "x",
                        "properties": {"roleName": "r", "permissions": "[variables('perms')]", "assignableScopes": ["/"]}},
                       {"type": "Microsoft.Resources/tags", "name": "default",
                        "properties": {"tags": {"pad":
                          "[variables('a28')]"}}}]}
        """#
        let result = scan(["t.json": text])
        #expect(result.findings(of: "AZURE-CUSTOM-ROLE-WILDCARD").count == 1)
        let errors = result.diagnostics.filter { $0.level == .error }
        #expect(errors.count == 1)
        #expect(errors.first?.position?.line == 7 && errors.first?.message.contains("variables('a28')") == true)
    }

    @Test("a template that cannot be composed at all is an error of the file, and its literal parts are still judged")
    func uncomposable() {
        // A variable that holds itself nests without end: the tree refuses it.
        let text = #"""
        {"$schema": "\#(Self.schema)",
         "variables": {"loop": {"again": "[variables('loop')]"}},
         "resources": [{"type": "Microsoft.Authorization/roleDefinitions", "name": "x",
                        "properties": {"roleName": "r", "permissions": [{"actions": ["*"]}], "assignableScopes": ["/"], "tags": "[variables('loop')]"}}]}
        """#
        let result = scan(["t.json": text])
        #expect(result.hasErrors)
        #expect(result.findings(of: "AZURE-CUSTOM-ROLE-WILDCARD").count == 1)
    }

    @Test("the bound is on the text as it grows: a doubled reference past it throws, one under it resolves")
    func substituteBound() throws {
        let values = ["variables('v')": String(repeating: "a", count: 40)]
        #expect(throws: ARMTemplate.TooLong.self) { try ARMTemplate.substitute("[concat(variables('v'), variables('v'))]", values, maxLength: 64) }
        #expect(try ARMTemplate.substitute("[concat(variables('v'), 'b')]", values, maxLength: 64) == String(repeating: "a", count: 40) + "b")
    }
}
