import IdlintSyntax

/// What is known about the permission boundary of the identity a policy is attached to.
/// A boundary caps what the identity's policies grant: an action is allowed only if the
/// boundary allows it too.
public enum BoundaryState: Sendable {
    /// A stand-alone policy document: where it is attached, and under which boundary, is
    /// not written beside it.
    case unknown
    /// The policy belongs to a role or user that has no permission boundary.
    case none
    /// The role or user names a boundary.
    case named(PermissionBoundary)
}

public struct PermissionBoundary: Sendable {
    /// As written: a CloudFormation logical id (`!Ref`) or a policy ARN.
    public var reference: String
    public var location: SourceLocation?
    /// The boundary policy's statements, when the scan found the policy; nil when not.
    public var statements: [PermissionStatement]?

    /// The name a policy would go by: a logical id as it is, an ARN's last path part.
    var policyName: String {
        reference.split(separator: "/").last.map(String.init) ?? reference
    }
}
