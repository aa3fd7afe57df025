import Testing
@testable import IdlintEngine

/// What a CloudFormation template writes through an intrinsic function is still read:
/// a holder named by its expression, a `!Sub` policy with its placeholders unknown.
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

    @Test("a !Sub policy is read, its literal statements judged and its placeholders unknown")
    func subPolicy() {
        let yaml = stack(roles: "[ops]", document: """
        PolicyDocument: !Sub |
                {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "arn:aws:s3:::${AWS::AccountId}-*"},
                                                        {"Effect": "Allow", "Action": "*", "Resource": "*"}]}
        """)
        let result = scan(["stack.yaml": yaml])
        #expect(result.findings(of: "AWS-ADMIN-POLICY").count == 1)
        #expect(!result.hasErrors)
        // A placeholder is unknown: an admin grant only through it is not asserted.
        let unknown = scan(["stack.yaml": stack(roles: "[ops]", document: #"""
        PolicyDocument: !Sub '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "${Target}"}]}'
        """#)])
        #expect(unknown.findings(of: "AWS-ADMIN-POLICY").isEmpty)
        #expect(!unknown.hasErrors)
    }

    @Test("Fn::Sub in JSON, with a literal variable filled in, is read the same way")
    func fnSubWithVariables() {
        let json = #"""
        {"AWSTemplateFormatVersion": "2010-09-09",
         "Resources": {"Admins": {"Type": "AWS::IAM::ManagedPolicy",
           "Properties": {"Roles": ["ops"],
             "PolicyDocument": {"Fn::Sub": ["{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"${Everything}\", \"Resource\": \"*\"}]}",
                                            {"Everything": "*"}]}}}}}
        """#
        #expect(scan(["stack.json": json]).findings(of: "AWS-ADMIN-POLICY").count == 1)
    }

    @Test("!Sub text that starts as JSON and does not parse is an error at the string")
    func brokenSub() {
        let yaml = stack(roles: "[ops]", document: #"""
        PolicyDocument: !Sub '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*" "Resource": "*"}]}'
        """#)
        let errors = scan(["stack.yaml": yaml]).diagnostics.filter { $0.level == .error }
        #expect(errors.count == 1)
        #expect(errors.first?.file == "stack.yaml" && errors.first?.position?.line == 7)
        // Text that is no document at all (an ARN) is not one.
        #expect(!scan(["stack.yaml": stack(roles: "[ops]", document: "PolicyDocument: !Sub 'arn:aws:iam::${AWS::AccountId}:policy/x'")]).hasErrors)
    }
}
