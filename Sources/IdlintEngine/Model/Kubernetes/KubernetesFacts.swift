import IdlintSyntax

/// The Kubernetes objects that carry identity: roles, bindings, service accounts and
/// the workloads that run as them, reduced to what analyses need (no parse trees).
public struct KubernetesFacts: Sendable {
    public var roles: [KubernetesRole] = []
    public var bindings: [KubernetesBinding] = []
    public var serviceAccounts: [Principal] = []
    public var workloads: [KubernetesWorkload] = []

    public init() {}

    mutating func merge(_ other: KubernetesFacts) {
        roles += other.roles
        bindings += other.bindings
        serviceAccounts += other.serviceAccounts
        workloads += other.workloads
    }

    public var isEmpty: Bool { roles.isEmpty && bindings.isEmpty && serviceAccounts.isEmpty && workloads.isEmpty }
}

public struct KubernetesRole: Sendable {
    public var ref: ObjectRef
    /// Labels, kept for ClusterRoles only: only they can be aggregated by a selector.
    public var labels: [String: String]
    public var rules: [PermissionStatement]
    /// Label selectors of an aggregated ClusterRole: it includes the rules of every
    /// ClusterRole one of them selects.
    public var aggregationSelectors: [LabelSelector]
    /// Built-in roles come from idlint's data, not from a scanned file.
    public var isBuiltIn: Bool

    public init(ref: ObjectRef, labels: [String: String], rules: [PermissionStatement], aggregationSelectors: [LabelSelector], isBuiltIn: Bool = false) {
        self.ref = ref
        self.labels = labels
        self.rules = rules
        self.aggregationSelectors = aggregationSelectors
        self.isBuiltIn = isBuiltIn
    }

    public var isClusterRole: Bool { ref.kind == "ClusterRole" }
}

public struct KubernetesBinding: Sendable, Hashable {
    public var ref: ObjectRef
    /// The role it points at; `location` is the roleRef's name.
    public var roleRef: ObjectRef
    public var subjects: [SubjectRef]

    public init(ref: ObjectRef, roleRef: ObjectRef, subjects: [SubjectRef]) {
        self.ref = ref
        self.roleRef = roleRef
        self.subjects = subjects
    }

    public var isClusterBinding: Bool { ref.kind == "ClusterRoleBinding" }
}

/// A pod template and the identity it runs with.
public struct KubernetesWorkload: Sendable, Hashable {
    public var ref: ObjectRef
    public var serviceAccount: PrincipalRef
    /// The pod spec's own automountServiceAccountToken, nil when unset.
    public var automountToken: Bool?
    /// Labels and annotations of the workload and its pod template (agent recognition reads them).
    public var labels: [String: String]
    public var annotations: [String: String]
    /// Where a fix goes: the pod spec's serviceAccountName, or the pod spec itself.
    public var podSpecLocation: SourceLocation?

    public init(ref: ObjectRef, serviceAccount: PrincipalRef, automountToken: Bool?, labels: [String: String], annotations: [String: String], podSpecLocation: SourceLocation?) {
        self.ref = ref
        self.serviceAccount = serviceAccount
        self.automountToken = automountToken
        self.labels = labels
        self.annotations = annotations
        self.podSpecLocation = podSpecLocation
    }
}
