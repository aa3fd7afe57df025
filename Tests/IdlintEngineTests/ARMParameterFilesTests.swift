import Testing
@testable import IdlintEngine
import IdlintSyntax

@Suite("ARM parameter files")
struct ARMParameterFilesTests {
    private static let parameters = #"""
    {"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#",
     "parameters": {"roleGuid": {"value": "8e3af657-a8ff-443c-a75c-2fe8c4bcb635"},
                    "secret": {"reference": {"keyVault": {"id": "/subscriptions/x/vaults/v"}, "secretName": "s"}}}}
    """#

    private func pairing(_ paths: [String], parameters text: String = Self.parameters) -> ARMParameterFiles {
        let files = paths.map { path in
            InputFile(displayPath: path, source: .content(Array((ARMParameterFiles.isParameterFileName(String(path.split(separator: "/").last!)) ? text : "{}").utf8)))
        }
        return ARMParameterFiles(files, limits: .standard, maxBytes: 1 << 20)
    }

    @Test("a template takes the parameter files named after it, each as an environment named after the file")
    func byName() {
        let paired = pairing(["infra/azuredeploy.json", "infra/azuredeploy.parameters.json", "infra/azuredeploy.parameters.prod.json",
                              "infra/network.json", "infra/network.dev.parameters.json"])
        #expect(paired.files(forTemplate: "infra/azuredeploy.json").map(\.environment) == ["azuredeploy.parameters", "azuredeploy.parameters.prod"])
        #expect(paired.files(forTemplate: "infra/network.json").map(\.environment) == ["network.dev.parameters"])
        // A literal value is known; a Key Vault reference is not, so the default stands.
        let values = paired.files(forTemplate: "infra/azuredeploy.json").first?.values
        #expect(values?["roleguid"]?.text == "8e3af657-a8ff-443c-a75c-2fe8c4bcb635")
        #expect(values?["secret"] == nil)
    }

    @Test("a parameter file named after no template belongs to the folder's only template, and to none among several")
    func byFolder() {
        #expect(pairing(["a/main.json", "a/prod.parameters.json"]).files(forTemplate: "a/main.json").count == 1)
        let ambiguous = pairing(["b/one.json", "b/two.json", "b/parameters.json"])
        #expect(ambiguous.files(forTemplate: "b/one.json").isEmpty && ambiguous.files(forTemplate: "b/two.json").isEmpty)
        // Another folder's template is never paired.
        #expect(pairing(["c/main.json", "d/main.parameters.json"]).files(forTemplate: "c/main.json").isEmpty)
    }

    @Test("a file named like parameters that is not a deploymentParameters document pairs with nothing")
    func notParameters() {
        let paired = pairing(["e/main.json", "e/main.parameters.json"], parameters: #"{"parameters": {"x": 1}}"#)
        #expect(paired.files(forTemplate: "e/main.json").isEmpty)
        #expect(!ARMParameterFiles.isParameterFileName("azuredeploy.json"))
        #expect(ARMParameterFiles.isParameterFileName("AzureDeploy.Parameters.JSON"))
    }

    private static let assignment = #"""
    {"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
     "parameters": {"principalId": {"type": "string"},
                    "roleGuid": {"type": "string", "defaultValue": "acdd72a7-3385-48ef-bd42-f606fba81ae7"},
                    "principalType": {"type": "string", "defaultValue": "ServicePrincipal"}},
     "resources": [{"type": "Microsoft.Authorization/roleAssignments", "name": "a",
                    "properties": {"roleDefinitionId": "[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', parameters('roleGuid'))]",
                                   "principalId": "[parameters('principalId')]", "principalType": "[parameters('principalType')]"}}]}
    """#
    /// Owner, to the pipeline's principal: what the template's default (Reader) hides.
    private static let ownerValues = #"""
    {
      "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#",
      "parameters": {
        "principalId": {"value": "11111111-2222-3333-4444-555555555555"},
        "roleGuid": {"value": "8e3af657-a8ff-443c-a75c-2fe8c4bcb635"}
      }
    }
    """#

    @Test("a parameter file read with its template is identity configuration read, not a file that held nothing")
    func usedFileIsRead() {
        let result = scan(["a/azuredeploy.json": Self.assignment, "a/azuredeploy.parameters.json": Self.ownerValues])
        #expect(result.findings(of: "AZURE-PRIVILEGED-ROLE-TO-SERVICE-PRINCIPAL").count == 1)
        #expect(result.statistics.filesNotRecognised.isEmpty)
        #expect(!result.hasErrors)
    }

    @Test("a parameter file that does not parse fails the scan, known by its name or by its $schema")
    func unreadableFileIsAnError() {
        let commented = Self.ownerValues.replacingOccurrences(of: "  \"parameters\"", with: "  // prod\n  \"parameters\"")
        let result = scan(["a/azuredeploy.json": Self.assignment, "a/azuredeploy.parameters.json": commented])
        let errors = result.diagnostics.filter { $0.level == .error }
        #expect(errors.count == 1)
        #expect(errors.first?.file == "a/azuredeploy.parameters.json" && errors.first?.position?.line == 3)
        // Named like no parameter file, its schema still says what it is.
        #expect(IdentityConfigLook.reason(path: "deploy/prod.json", bytes: Array(commented.utf8)) != nil)
        #expect(IdentityConfigLook.reason(path: "a/azuredeploy.parameters.prod.json", bytes: Array("{ // x".utf8)) != nil)
    }

    @Test("a parameter file's list value is the list the template's reference stands for")
    func listValues() {
        let template = #"""
        {"$schema": "https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#",
         "parameters": {"actions": {"type": "array", "defaultValue": ["Microsoft.Compute/virtualMachines/read"]}},
         "resources": [{"type": "Microsoft.Authorization/roleDefinitions", "name": "r",
                        "properties": {"roleName": "Group Reader", "permissions": [{"actions": "[parameters('actions')]", "notActions": []}],
                                       "assignableScopes": ["[subscription().id]"]}}]}
        """#
        let values = #"""
        {"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#",
         "parameters": {"actions": {"value": ["*"]}}}
        """#
        let result = scan(["r/roles.json": template, "r/roles.parameters.prod.json": values])
        let wildcard = result.findings(of: "AZURE-CUSTOM-ROLE-WILDCARD")
        #expect(wildcard.count == 1)
        #expect(wildcard.first?.environment == "roles.parameters.prod")
        let paired = ARMParameterFiles([InputFile(displayPath: "r/roles.json", source: .content(Array(template.utf8))),
                                        InputFile(displayPath: "r/roles.parameters.prod.json", source: .content(Array(values.utf8)))],
                                       limits: .standard, maxBytes: 1 << 20)
        #expect(paired.files(forTemplate: "r/roles.json").first?.values["actions"]?.elements.map(\.text) == ["*"])
    }
}
