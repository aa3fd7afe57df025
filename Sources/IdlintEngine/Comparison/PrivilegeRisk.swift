/// How much a gained privilege matters to a reviewer, so every format lists the riskiest
/// first: admin-equivalent, then escalation (escalate, bind, impersonate, PassRole, policy
/// and key writes, token creation), then secret and credential reads, then other writes,
/// then reads. Lower is riskier.
enum PrivilegeRisk {
    static let admin = 0, escalation = 1, secretRead = 2, write = 3, read = 4

    static func rank(_ privilege: Privilege) -> Int {
        let action = privilege.action.lowercased()
        let resource = privilege.resource.lowercased()
        if privilege.isDeny { return escalation }
        let excludes = privilege.conditions.contains { $0.hasPrefix("but not") }
        if (action == "*" || action == "*:*") && resource == "*" && !excludes { return admin }
        if ["roles/owner", "roles/editor", "roles/iam.securityadmin", "owner", "user access administrator"].contains(action) { return admin }
        if isEscalation(action: action, resource: resource) { return escalation }
        if isSecretRead(action: action, resource: resource) { return secretRead }
        return isRead(action) ? read : write
    }

    static func ordered(_ privileges: [Privilege]) -> [Privilege] {
        privileges.sorted { lhs, rhs in
            let left = rank(lhs), right = rank(rhs)
            return left != right ? left < right : lhs < rhs
        }
    }

    private static let escalationVerbs: Set<String> = ["escalate", "bind", "impersonate"]
    private static let rbacResources: Set<String> = ["roles", "clusterroles", "rolebindings", "clusterrolebindings"]
    private static let awsEscalation = ["iam:passrole", "iam:createpolicyversion", "iam:setdefaultpolicyversion", "iam:attach", "iam:put",
                                        "iam:createaccesskey", "iam:updateassumerolepolicy", "iam:createloginprofile", "iam:updateloginprofile",
                                        "iam:addusertogroup", "iam:*", "sts:assumerole", "iam.serviceaccounts.", "roles/iam."]

    private static func isEscalation(action: String, resource: String) -> Bool {
        if escalationVerbs.contains(action) { return true }
        if rbacResources.contains(resource) && !isRead(action) { return true }
        if resource == "serviceaccounts/token" || (resource == "serviceaccounts" && action == "*") { return true }
        if resource == "*" && action == "*" { return true }
        return awsEscalation.contains { action.hasPrefix($0) }
    }

    private static func isSecretRead(action: String, resource: String) -> Bool {
        if resource == "secrets" || resource == "*" { return ["get", "list", "watch", "*"].contains(action) }
        return ["secretsmanager:getsecretvalue", "ssm:getparameter", "kms:decrypt", "secretmanager.versions.access"].contains { action.hasPrefix($0) }
            || action.hasSuffix(":*")
    }

    private static func isRead(_ action: String) -> Bool {
        if ["get", "list", "watch", "read"].contains(action) { return true }
        let verb = action.split(separator: ":").last.map(String.init) ?? action
        return ["get", "list", "describe", "read", "view", "search", "lookup", "select"].contains { verb.hasPrefix($0) }
            || action.hasPrefix("roles/") && (action.contains("viewer") || action.contains("reader"))
    }
}
