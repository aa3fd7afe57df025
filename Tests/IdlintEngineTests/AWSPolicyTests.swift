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
        let partly = scan(["p.json": partlyDenied]).findings(of: "AWS-IAM-PRIVILEGE-ESCALATION")
        #expect(partly.count == 1, "iam:* still attaches policies")
        #expect(partly.first?.message.hasSuffix("the policy's Deny statements leave it allowed") == true, "\(partly)")
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
        #expect(finding.message == "Policy p allows IAM:CreateAccessKey on every resource ('*') wherever it is attached; no condition or Deny in the policy narrows it")
        // The document's kind is part of what identifies the finding.
        #expect(finding.identity == Fingerprint.make(ruleID: "AWS-IAM-PRIVILEGE-ESCALATION", documentKind: "aws.iam.policy", logicalPath: "role:Policy//p", evidence: nil))
    }

    @Test("NotAction and NotResource are everything but a list: not administrator access, and what they leave out is not allowed")
    func complements() throws {
        let powerUser = #"{"Statement": [{"Effect": "Allow", "NotAction": ["iam:*", "organizations:*", "account:*"], "Resource": "*"}]}"#
        let result = scan(["p.json": powerUser])
        #expect(result.findings(of: "AWS-ADMIN-POLICY").isEmpty, "every action but account control is not every action")
        #expect(result.findings(of: "AWS-IAM-PRIVILEGE-ESCALATION").isEmpty, "the IAM actions are left out")
        let wildcard = try #require(result.findings(of: "AWS-SENSITIVE-SERVICE-WILDCARD").first, "kms:*, sts:* and the others stay allowed")
        #expect(wildcard.message.hasPrefix("Policy p allows sts:*, kms:*, secretsmanager:*, ssm:* (through a NotAction that leaves out iam:*, organizations:*, account:*)"),
                "\(wildcard.message)")
        #expect(result.findings(of: "AWS-SECRET-READ-ANY-RESOURCE").count == 1)
        let described = try #require(result.findings(of: "AWS-ALLOW-NOT-ACTION").first)
        #expect(described.message == "Policy p allows every action but iam:*, organizations:*, account:* on every resource ('*')")

        // Everything but S3 still holds IAM: the escalation rule says so, not the admin rule.
        let allButS3 = scan(["p.json": #"{"Statement": [{"Effect": "Allow", "NotAction": "s3:*", "Resource": "*"}]}"#])
        #expect(allButS3.findings(of: "AWS-ADMIN-POLICY").isEmpty)
        #expect(allButS3.findings(of: "AWS-IAM-PRIVILEGE-ESCALATION").count == 1)
        #expect(allButS3.findings(of: "AWS-PASSROLE-TO-COMPUTE").count == 1)

        // Two actions everywhere but one bucket: described as what it is, not as everything.
        let twoActions = #"{"Statement": [{"Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"], "NotResource": ["arn:aws:s3:::audit", "arn:aws:s3:::audit/*"]}]}"#
        let notResource = try #require(scan(["p.json": twoActions]).findings(of: "AWS-ALLOW-NOT-ACTION").first)
        #expect(notResource.message == "Policy p allows s3:GetObject, s3:PutObject on every resource but arn:aws:s3:::audit, arn:aws:s3:::audit/*")

        // A NotResource that leaves out every resource allows nothing; '*' with it is not admin.
        let nowhere = #"{"Statement": [{"Effect": "Allow", "Action": "*", "NotResource": "*"}]}"#
        let none = scan(["p.json": nowhere])
        #expect(none.findings(of: "AWS-ADMIN-POLICY").isEmpty && none.findings(of: "AWS-IAM-PRIVILEGE-ESCALATION").isEmpty)

        // A permission boundary of everything but IAM caps an admin policy: no longer '*' on '*'.
        let bounded = Self.role(boundary: "PermissionsBoundary: !Ref Boundary", actions: "\"*\"")
            .replacingOccurrences(of: #"{Effect: Allow, Action: ["s3:*", "logs:*"], Resource: "*"}"#, with: #"{Effect: Allow, NotAction: "iam:*", Resource: "*"}"#)
        #expect(bounded.contains("NotAction"))
        #expect(scan(["t.cfn.yaml": bounded]).findings(of: "AWS-ADMIN-POLICY").isEmpty)
    }

    @Test("the permissions-management set holds no read-only action, so a Describe* on '*' is not permissions management")
    func readOnlyPermissionsManagement() throws {
        let library = try RuleLibrary.builtIn()
        let set = try #require(library.actionSets["aws-permissions-management"])
        for read in ["billing:GetResourcePolicy", "quicksight:DescribeDataSetPermissions", "secretsmanager:ValidateResourcePolicy", "glue:ListEntities"] {
            #expect(!set.actions.contains(read), "\(read) only reads")
        }
        #expect(set.actions.contains("billing:PutResourcePolicy"))
        let reads = #"{"Statement": [{"Effect": "Allow", "Action": ["billing:GetResourcePolicy", "quicksight:Describe*", "fsx:Get*"], "Resource": "*"}]}"#
        #expect(scan(["p.json": reads]).findings(of: "AWS-PERMISSIONS-MANAGEMENT-ANY-RESOURCE").isEmpty)
        let writes = #"{"Statement": [{"Effect": "Allow", "Action": ["quicksight:Describe*", "quicksight:Update*Permissions"], "Resource": "*"}]}"#
        #expect(scan(["p.json": writes]).findings(of: "AWS-PERMISSIONS-MANAGEMENT-ANY-RESOURCE").count == 1)
    }

    /// A CloudFormation role with an inline policy and a boundary written as `boundary`.
    private static func role(boundary: String, actions: String) -> String {
        """
        Resources:
          Boundary:
            Type: AWS::IAM::ManagedPolicy
            Properties:
              ManagedPolicyName: team-boundary
              PolicyDocument:
                Statement: [{Effect: Allow, Action: ["s3:*", "logs:*"], Resource: "*"}]
          App:
            Type: AWS::IAM::Role
            Properties:
              \(boundary)
              Policies:
                - PolicyName: app
                  PolicyDocument:
                    Statement: [{Effect: Allow, Action: \(actions), Resource: "*"}]
        """
    }

    @Test("a permission boundary found in the scan caps the role's policies; one not found is named in the message")
    func permissionBoundaries() throws {
        // iam:* under a boundary of s3:* and logs:*: the intersection has no IAM action left.
        let byRef = scan(["t.cfn.yaml": Self.role(boundary: "PermissionsBoundary: !Ref Boundary", actions: "[\"iam:*\", \"s3:*\"]")])
        #expect(byRef.findings(of: "AWS-SENSITIVE-SERVICE-WILDCARD").isEmpty)
        #expect(byRef.findings(of: "AWS-IAM-PRIVILEGE-ESCALATION").isEmpty)
        // s3:* is inside the boundary, so its permissions-management actions stay dangerous.
        // The boundary itself grants nothing: only the role's policy is reported.
        let inside = byRef.findings(of: "AWS-PERMISSIONS-MANAGEMENT-ANY-RESOURCE")
        #expect(inside.count == 1)
        #expect(inside.first?.message.hasSuffix("and permission boundary Boundary allows it too") == true, "\(inside)")
        // By ARN, the boundary is found by its ManagedPolicyName.
        let byARN = scan(["t.cfn.yaml": Self.role(boundary: "PermissionsBoundary: arn:aws:iam::123456789012:policy/team-boundary", actions: "\"*\"")])
        #expect(byARN.findings(of: "AWS-ADMIN-POLICY").isEmpty, "a boundary that does not allow everything caps '*'")
        let elsewhere = scan(["t.cfn.yaml": Self.role(boundary: "PermissionsBoundary: arn:aws:iam::123456789012:policy/org-boundary", actions: "\"*\"")])
        let admin = try #require(elsewhere.findings(of: "AWS-ADMIN-POLICY").first)
        #expect(admin.message.contains("permission boundary arn:aws:iam::123456789012:policy/org-boundary is not among the scanned files"))
        let none = scan(["t.cfn.yaml": Self.role(boundary: "Description: no boundary", actions: "\"*\"")])
        #expect(none.findings(of: "AWS-ADMIN-POLICY").first?.message.hasSuffix("and its role or user has no permission boundary") == true)
    }

    @Test("actions that AWS cannot scope to a resource are not blamed for Resource '*'")
    func unscopableActions() throws {
        let library = try RuleLibrary.builtIn()
        let set = try #require(library.actionSets["aws-permissions-management"])
        #expect(set.actions.contains("s3:PutBucketPolicy"))
        #expect(!set.actions.contains("s3:PutAccountPublicAccessBlock"), "account-level: no resource to scope it to")
        #expect(set.source.contains("Service Authorization Reference"))
        let unscopable = #"{"Statement": [{"Effect": "Allow", "Action": ["s3:PutAccountPublicAccessBlock", "kms:CreateKey"], "Resource": "*"}]}"#
        #expect(scan(["p.json": unscopable]).findings(of: "AWS-PERMISSIONS-MANAGEMENT-ANY-RESOURCE").isEmpty)
        let scopable = #"{"Statement": [{"Effect": "Allow", "Action": "kms:PutKeyPolicy", "Resource": "*"}]}"#
        #expect(scan(["p.json": scopable]).findings(of: "AWS-PERMISSIONS-MANAGEMENT-ANY-RESOURCE").count == 1)
    }

    @Test("a rule naming an action set that no file defines is refused")
    func unknownActionSet() throws {
        var library = RuleLibrary()
        try library.load(text: """
            rules:
              - id: X-SET
                title: t
                severity: low
                rationale: r
                remediation: r
                controls: [OWASP-NHI-2025:NHI5]
                message: m
                match: {grants: {allows: [{action-set: no-such-set, resources: ["*"]}]}}
            """, path: "custom.yaml", isBuiltIn: false)
        let error = #expect(throws: DataFileError.self) { try library.resolveReferences() }
        #expect(error?.description.contains("no-such-set") == true)
    }

    @Test("a service control policy limits accounts and grants nothing")
    func serviceControlPolicies() {
        let template = """
            Resources:
              Guardrails:
                Type: AWS::Organizations::Policy
                Properties:
                  Type: SERVICE_CONTROL_POLICY
                  Content: {Version: "2012-10-17", Statement: [{Effect: Allow, Action: "*", Resource: "*"}]}
            """
        let result = scan(["org.yaml": template])
        #expect(result.statistics.objectsByKind["aws.organizations.scp"] == 1)
        #expect(result.findings.isEmpty, "\(result.findings)")
    }
}
