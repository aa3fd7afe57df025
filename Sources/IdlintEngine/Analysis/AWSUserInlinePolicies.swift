import IdlintSyntax

extension AnalysisRegistry {
    /// Inline policies that belong to an IAM user, wherever the scan wrote them: a
    /// CloudFormation user's `Policies`, a Terraform `aws_iam_user_policy` whose user is
    /// in the scan, an exported user's `UserPolicyList`, and an `AWS::IAM::Policy` that
    /// lists the user under `Users` (it is embedded in each user it lists). Which identity
    /// a policy belongs to is known only once every file is read, so this is an analysis
    /// and not a document rule. Reported on the policy document, or for a `Users` list on
    /// the entry that names the user, where the fix (a group) goes.
    @Sendable static func userInlinePolicies(_ rule: Rule, _ model: IdentityModel) -> [Finding] {
        model.awsPolicies.flatMap { policy -> [Finding] in
            var users: [(name: String, location: SourceLocation)] = []
            // Owners are roles or users (groups own nothing as identities); not a role is a user.
            if let owner = policy.owner, owner.kind == AWSPolicy.userOwnerKind, let location = policy.ref.location {
                users.append((owner.name, location))
            }
            if policy.attachedInline {
                for holder in policy.attachedTo where holder.principal.kind == AWSPolicy.userOwnerKind {
                    if let location = holder.location ?? policy.ref.location { users.append((holder.principal.name, location)) }
                }
            }
            return users.map { user in
                let message = MessageTemplate.render(rule.message) { placeholder in
                    switch placeholder {
                    case "kind": policy.ref.kind
                    case "name": policy.ref.name
                    case "subject": "IAM user \(user.name)"
                    default: nil
                    }
                }
                return Finding(
                    ruleID: rule.id, severity: rule.severity, message: message, location: user.location,
                    documentKind: DocumentKind.awsPolicy.rawValue, logicalPath: "\(policy.ref)#owner:\(user.name)" + Environment.qualifier(of: policy.ref.location),
                    principal: "IAM user \(user.name)"
                )
            }
        }
    }
}
