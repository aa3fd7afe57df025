import IdlintSyntax

/// One permission statement: actions on resources. Kubernetes rules, and later IAM
/// statements and cloud role bindings, all become statements, so rules about
/// wildcards and dangerous permissions are written once for every platform. A class,
/// since every binding of a role shares its statements and analyses walk them often.
public final class PermissionStatement: Sendable {
    public let actions: [Located<String>]
    public let resources: [Located<String>]
    /// Kubernetes API groups; empty on platforms whose actions carry the service.
    public let apiGroups: [Located<String>]
    /// Names that narrow the statement to specific objects.
    public let resourceNames: [Located<String>]
    public let nonResourceURLs: [Located<String>]
    public let isDeny: Bool
    public let location: SourceLocation?

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

/// A role's statements as they reach the subjects of one binding: the unit in which
/// grants are stored, since every subject of a binding gets the same statements. A role
/// that nothing binds in the scanned files is a set without subjects, so its risks are
/// still reported on the role itself. A class: sets are shared, never copied.
public final class GrantSet: Sendable {
    public let platform: Platform
    /// The role's own statements plus those aggregated into it.
    public let statements: [PermissionStatement]
    public let scope: GrantScope
    public let role: ObjectRef
    public let binding: ObjectRef?
    public let subjects: [SubjectRef]

    public init(platform: Platform, statements: [PermissionStatement], scope: GrantScope, role: ObjectRef, binding: ObjectRef? = nil, subjects: [SubjectRef] = []) {
        self.platform = platform
        self.statements = statements
        self.scope = scope
        self.role = role
        self.binding = binding
        self.subjects = subjects
    }

    public var isBound: Bool { binding != nil && !subjects.isEmpty }

    /// The per-principal view: one grant for each subject and statement.
    public var grants: [Grant] {
        subjects.flatMap { subject in
            statements.map { Grant(platform: platform, statement: $0, scope: scope, role: role, binding: binding, subject: subject) }
        }
    }
}

/// One statement as it reaches one principal, through which binding, from which role,
/// at what scope. Derived from a `GrantSet` when a per-principal view is wanted.
public struct Grant: Sendable {
    public var platform: Platform
    public var statement: PermissionStatement
    public var scope: GrantScope
    public var role: ObjectRef
    public var binding: ObjectRef?
    public var subject: SubjectRef?

    public init(platform: Platform, statement: PermissionStatement, scope: GrantScope, role: ObjectRef, binding: ObjectRef? = nil, subject: SubjectRef? = nil) {
        self.platform = platform
        self.statement = statement
        self.scope = scope
        self.role = role
        self.binding = binding
        self.subject = subject
    }
}
