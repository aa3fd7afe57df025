import Testing
@testable import IdlintEngine

@Suite("Azure role ids in the delta")
struct AzureRoleIDTests {
    @Test("a role written as a path or as an ARM expression is one role; an unresolved parameter is no role id")
    func roleID() {
        #expect(AzureAssignmentGrants.roleID("/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635") == "8e3af657-a8ff-443c-a75c-2fe8c4bcb635")
        #expect(AzureAssignmentGrants.roleID("[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '8e3af657-a8ff-443c-a75c-2fe8c4bcb635')]")
            == "8e3af657-a8ff-443c-a75c-2fe8c4bcb635")
        #expect(AzureAssignmentGrants.roleID("[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', parameters('roleId'))]") != "roleId")
    }
}
