import IdlintSyntax

/// One permission statement: actions on resources. Kubernetes rules, and later IAM
/// statements and cloud role bindings, all become statements, so rules about
/// wildcards and dangerous permissions are written once for every platform.
public struct PermissionStatement: Sendable, Hashable {
    public var actions: [Located<String>]
    public var resources: [Located<String>]
    /// Kubernetes API groups; empty on platforms whose actions carry the service.
    public var apiGroups: [Located<String>]
    /// Names that narrow the statement to specific objects.
    public var resourceNames: [Located<String>]
    public var nonResourceURLs: [Located<String>]
    public var isDeny: Bool
    public var location: SourceLocation?

    public init(actions: [Located<String>], resources: [Located<String>], apiGroups: [Located<String>] = [], resourceNames: [Located<String>] = [],
                nonResourceURLs: [Located<String>] = [], isDeny: Bool = false, location: SourceLocation?) {
        self.actions = actions
        self.resources = resources
        self.apiGroups = apiGroups
        self.resourceNames = resourceNames
        self.nonResourceURLs = nonResourceURLs
        self.isDeny = isDeny
        self.location = location
    }

    public var isNarrowed: Bool { !resourceNames.isEmpty }
}

/// Where a grant applies.
public enum GrantScope: Sendable, Hashable, CustomStringConvertible {
    case cluster
    case namespace(String)

    public var description: String {
        switch self {
        case .cluster: "cluster-wide"
        case .namespace(let namespace): "in namespace \(namespace)"
        }
    }
}

/// A named object: role, binding, policy. `location` points at its name.
public struct ObjectRef: Sendable, Hashable, CustomStringConvertible {
    public var kind: String
    public var name: String
    public var namespace: String?
    public var location: SourceLocation?

    public init(kind: String, name: String, namespace: String? = nil, location: SourceLocation?) {
        self.kind = kind
        self.name = name
        self.namespace = namespace
        self.location = location
    }

    public var description: String {
        if let namespace { return "\(kind) \(namespace)/\(name)" }
        return "\(kind) \(name)"
    }
}

/// A subject as written in a binding, with the place it was written.
public struct SubjectRef: Sendable, Hashable {
    public var principal: PrincipalRef
    public var location: SourceLocation?

    public init(principal: PrincipalRef, location: SourceLocation?) {
        self.principal = principal
        self.location = location
    }
}

/// A statement as it reaches a principal: through which binding, from which role, at
/// what scope. A role that nothing binds in the scanned files yields grants without a
/// subject, so its risks are still reported on the role itself. A class because a
/// binding's grants share everything but the subject, and analyses pass them around a
/// lot: copying one is a single reference count.
public final class Grant: Sendable {
    public let platform: Platform
    public let statement: PermissionStatement
    public let scope: GrantScope
    public let role: ObjectRef
    public let binding: ObjectRef?
    public let subject: SubjectRef?

    public init(platform: Platform, statement: PermissionStatement, scope: GrantScope, role: ObjectRef, binding: ObjectRef? = nil, subject: SubjectRef? = nil) {
        self.platform = platform
        self.statement = statement
        self.scope = scope
        self.role = role
        self.binding = binding
        self.subject = subject
    }
}
