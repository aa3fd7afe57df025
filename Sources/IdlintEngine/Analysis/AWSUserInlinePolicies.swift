import IdlintSyntax

extension AnalysisRegistry {
    /// Inline policies that belong to an IAM user, wherever the scan wrote them: a
    /// CloudFormation user's `Policies`, a Terraform `aws_iam_user_policy` whose user is
    /// in the scan, an exported user's `UserPolicyList`. Which identity a policy belongs to
    /// is known only once every file is read, so this is an analysis and not a document
    /// rule. Reported on the policy document.
    @Sendable static func userInlinePolicies(_ rule: Rule, _ context: ModelContext) -> [Finding] {
        context.model.awsPolicies.compactMap { policy -> Finding? in
            // Owners are roles or users (groups own nothing as identities); not a role is a user.
            guard let owner = policy.owner, owner.kind == AWSPolicy.userOwnerKind, let location = policy.ref.location else { return nil }
            let message = MessageTemplate.render(rule.message) { placeholder in
                switch placeholder {
                case "kind": policy.ref.kind
                case "name": policy.ref.name
                case "subject": "IAM user \(owner.name)"
                default: nil
                }
            }
            return Finding(
                ruleID: rule.id, severity: rule.severity, message: message, location: location,
                documentKind: DocumentKind.awsPolicy.rawValue, logicalPath: "\(policy.ref)#owner:\(owner.name)" + Environment.qualifier(of: policy.ref.location),
                principal: "IAM user \(owner.name)"
            )
        }
    }
}
