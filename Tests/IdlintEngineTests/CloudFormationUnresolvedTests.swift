import Testing
@testable import IdlintEngine

/// What a CloudFormation template writes through an intrinsic function is still read:
/// a holder named by its expression.
@Suite("CloudFormation values written through intrinsic functions")
struct CloudFormationUnresolvedTests {
    private func stack(roles: String, document: String = """
        PolicyDocument:
                Version: "2012-10-17"
                Statement:
                  - {Effect: Allow, Action: "*", Resource: "*"}
        """) -> String {
        """
        AWSTemplateFormatVersion: "2010-09-09"
        Resources:
          Admins:
            Type: AWS::IAM::ManagedPolicy
            Properties:
              Roles: \(roles)
              \(document)
        """
    }

    @Test("a holder idlint cannot resolve is named by its expression, and its gain is in the delta")
    func unresolvedHolder() throws {
        for (entry, name) in [("!ImportValue ci-stack-RoleName", "role (from !ImportValue ci-stack-RoleName)"),
                              ("!GetAtt [Deploy, Arn]", "role (from !GetAtt [Deploy, Arn])"),
                              (#"{"Fn::ImportValue": {"Fn::Sub": "${Env}-role"}}"#, "role (from Fn::ImportValue Fn::Sub ${Env}-role)")] {
            let comparison = compareInMemory(["stack.yaml": stack(roles: "[breakglass]")], ["stack.yaml": stack(roles: "[breakglass, \(entry)]")])
            let gain = try #require(comparison.privilegeDelta.first { $0.principal.name == name }, "\(comparison.privilegeDelta.map(\.principal.name))")
            #expect(gain.gained.map(\.action) == ["*"])
            #expect(comparison.verdict != .pass)
        }
    }
}
