import Testing
@testable import IdlintEngine

@Suite("AWS IAM policies")
struct AWSPolicyTests {
    @Test("policy documents and trust policies are recognised from content", arguments: [
        (#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}"#, "aws.iam.policy"),
        (#"{"Statement": {"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}}"#, "aws.iam.trust-policy"),
        (#"{"Statement": "not a policy"}"#, ""),
    ])
    func recognition(text: String, kind: String) {
        let result = scan(["p.json": text])
        #expect((result.statistics.objectsByKind.keys.first ?? "") == kind)
    }

    @Test("actions match as IAM does: any case, with wildcards in the granted action")
    func actionMatching() {
        let pattern = GrantPattern(actions: ["iam:PassRole", "iam:CreateAccessKey"], resources: ["*"], apiGroups: [])
        #expect(pattern.allows(action: "IAM:passrole"))
        #expect(pattern.allows(action: "iam:Pass*"))
        #expect(pattern.allows(action: "iam:*"))
        #expect(pattern.allows(action: "*"))
        #expect(!pattern.allows(action: "iam:PassRoles"))
        #expect(!pattern.allows(action: "iam:Get*"))
        #expect(!GrantPattern(actions: ["get"], resources: ["secrets"], apiGroups: [""]).allows(action: "GET"))
    }

    @Test("an unconditional Deny takes precedence over the Allows of the same policy")
    func denyPrecedence() {
        let deniedByWildcard = #"{"Statement": [{"Effect": "Allow", "Action": "iam:CreateAccessKey", "Resource": "*"}, {"Effect": "Deny", "Action": "iam:Create*", "Resource": "*"}]}"#
        #expect(scan(["p.json": deniedByWildcard]).findings(of: "AWS-IAM-PRIVILEGE-ESCALATION").isEmpty)
        let partlyDenied = #"{"Statement": [{"Effect": "Allow", "Action": "iam:*", "Resource": "*"}, {"Effect": "Deny", "Action": "iam:CreateAccessKey", "Resource": "*"}]}"#
        #expect(scan(["p.json": partlyDenied]).findings(of: "AWS-IAM-PRIVILEGE-ESCALATION").count == 1, "iam:* still attaches policies")
        let scopedDeny = #"{"Statement": [{"Effect": "Allow", "Action": "iam:CreateAccessKey", "Resource": "*"}, {"Effect": "Deny", "Action": "iam:CreateAccessKey", "Resource": "arn:aws:iam::1:user/root"}]}"#
        #expect(scan(["p.json": scopedDeny]).findings(of: "AWS-IAM-PRIVILEGE-ESCALATION").count == 1, "a deny on one user leaves the rest")
        let cancelled = #"{"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}, {"Effect": "Deny", "Action": "*", "Resource": "*"}]}"#
        #expect(scan(["p.json": cancelled]).findings(of: "AWS-ADMIN-POLICY").isEmpty)
    }

    @Test("conditions and Deny keep a statement from counting as a grant; the message says what it allows")
    func narrowing() throws {
        let conditioned = #"{"Statement": [{"Effect": "Allow", "Action": "iam:CreateAccessKey", "Resource": "*", "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}}]}"#
        #expect(scan(["p.json": conditioned]).findings(of: "AWS-IAM-PRIVILEGE-ESCALATION").isEmpty)
        let denied = #"{"Statement": [{"Effect": "Deny", "Action": "iam:CreateAccessKey", "Resource": "*"}]}"#
        #expect(scan(["p.json": denied]).findings(of: "AWS-IAM-PRIVILEGE-ESCALATION").isEmpty)
        let open = #"{"Statement": [{"Effect": "Allow", "Action": ["IAM:CreateAccessKey"], "Resource": "*"}]}"#
        let finding = try #require(scan(["p.json": open]).findings(of: "AWS-IAM-PRIVILEGE-ESCALATION").first)
        #expect(finding.message == "Policy p allows IAM:CreateAccessKey on every resource ('*') wherever it is attached")
        #expect(finding.documentKind == "aws.iam.policy")
    }
}
