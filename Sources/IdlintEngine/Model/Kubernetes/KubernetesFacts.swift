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

    /// Objects written without a namespace are installed into one chosen at install time
    /// (`kubectl apply -n`, a Helm release, a Kustomize overlay), not necessarily `default`;
    /// install bundles leave it out on purpose, yet name it where Kubernetes requires one:
    /// a ClusterRoleBinding's ServiceAccount subject. So that one account is not named
    /// `default/x` in one finding and `ns/x` in another, the objects of a folder written
    /// without a namespace are placed in the namespace that the folder's bindings give
    /// those same accounts (a subject's own namespace, or that of the RoleBinding that
    /// names it), when they give exactly one; otherwise in `default`, where Kubernetes puts
    /// an object when nothing is chosen. Run once every file is read.
    mutating func placeUnwrittenNamespaces() {
        // Accounts of each folder whose namespace is not written: ServiceAccounts, the
        // accounts of workloads, and subjects of bindings without a namespace.
        var unplaced: [String: Set<String>] = [:]
        for account in serviceAccounts where !account.namespaceWritten {
            unplaced[Self.folder(account.location), default: []].insert(account.ref.name)
        }
        for workload in workloads where !workload.namespaceWritten {
            unplaced[Self.folder(workload.ref.location), default: []].insert(workload.serviceAccount.name)
        }
        for binding in bindings where !binding.namespaceWritten {
            for index in binding.subjectsWithoutNamespace where binding.subjects[index].principal.kind == "ServiceAccount" {
                unplaced[Self.folder(binding.ref.location), default: []].insert(binding.subjects[index].principal.name)
            }
        }
        // Most scans write every namespace: nothing to place.
        guard !unplaced.isEmpty else { return }
        // Namespaces the folder's bindings give their ServiceAccount subjects: written on
        // the subject, or the namespace of a RoleBinding that is written.
        var named: [String: [String: Set<String>]] = [:]
        for binding in bindings {
            let folder = Self.folder(binding.ref.location)
            guard unplaced[folder] != nil else { continue }
            for (index, subject) in binding.subjects.enumerated()
            where subject.principal.kind == "ServiceAccount" && (binding.subjectNamespaceWritten(index) || binding.namespaceWritten) {
                if let namespace = subject.principal.namespace { named[folder, default: [:]][subject.principal.name, default: []].insert(namespace) }
            }
        }
        var placement: [String: String] = [:]
        for (folder, accounts) in unplaced {
            let namespaces = accounts.reduce(into: Set<String>()) { $0.formUnion(named[folder]?[$1] ?? []) }
            if namespaces.count == 1, let namespace = namespaces.first, namespace != "default" { placement[folder] = namespace }
        }
        guard !placement.isEmpty else { return }
        for index in serviceAccounts.indices where !serviceAccounts[index].namespaceWritten {
            if let namespace = placement[Self.folder(serviceAccounts[index].location)] { serviceAccounts[index].ref.namespace = namespace }
        }
        for index in workloads.indices where !workloads[index].namespaceWritten {
            if let namespace = placement[Self.folder(workloads[index].ref.location)] {
                workloads[index].ref.namespace = namespace
                workloads[index].serviceAccount.namespace = namespace
            }
        }
        for index in roles.indices where !roles[index].namespaceWritten && !roles[index].isClusterRole {
            if let namespace = placement[Self.folder(roles[index].ref.location)] { roles[index].ref.namespace = namespace }
        }
        for index in bindings.indices where !bindings[index].namespaceWritten {
            guard let namespace = placement[Self.folder(bindings[index].ref.location)] else { continue }
            if !bindings[index].isClusterBinding {
                bindings[index].ref.namespace = namespace
                if bindings[index].roleRef.kind == "Role" { bindings[index].roleRef.namespace = namespace }
            }
            for subject in bindings[index].subjects.indices
            where bindings[index].subjects[subject].principal.kind == "ServiceAccount" && !bindings[index].subjectNamespaceWritten(subject) {
                bindings[index].subjects[subject].principal.namespace = namespace
            }
        }
    }

    /// The folder a file is in, as read in one environment: the unit that is installed
    /// together (a base that two overlays build is installed twice).
    private static func folder(_ location: SourceLocation?) -> String {
        let environment = location?.environment.map { $0 + "@" } ?? ""
        guard let file = location?.file, let slash = file.lastIndex(of: "/") else { return environment }
        return environment + String(file[..<slash])
    }
}

public struct KubernetesRole: Sendable {
    public var ref: ObjectRef
    /// Labels, kept for ClusterRoles only: only they can be aggregated by a selector.
    public var labels: TextPairs
    public var rules: [PermissionStatement]
    /// Label selectors of an aggregated ClusterRole: it includes the rules of every
    /// ClusterRole one of them selects.
    public var aggregationSelectors: [LabelSelector]
    /// Built-in roles come from idlint's data, not from a scanned file.
    public var isBuiltIn: Bool

    public init(ref: ObjectRef, labels: TextPairs, rules: [PermissionStatement], aggregationSelectors: [LabelSelector], isBuiltIn: Bool = false) {
        self.ref = ref
        self.labels = labels
        self.rules = rules
        self.aggregationSelectors = aggregationSelectors
        self.isBuiltIn = isBuiltIn
    }

    public var isClusterRole: Bool { ref.kind == "ClusterRole" }
    /// False for a Role written without a namespace.
    public var namespaceWritten = true
    /// False when the role carries `rbac.authorization.kubernetes.io/autoupdate: "false"`:
    /// the API server then leaves a bootstrap role of the same name as written, instead
    /// of adding back the permissions of its own definition at every start.
    public var autoupdate = true
}

public struct KubernetesBinding: Sendable, Hashable {
    public var ref: ObjectRef
    /// The role it points at; `location` is the roleRef's name.
    public var roleRef: ObjectRef
    public var subjects: [SubjectRef]
    /// False for a RoleBinding written without a namespace.
    public var namespaceWritten = true
    /// The positions of ServiceAccount subjects written without a namespace.
    public var subjectsWithoutNamespace: Set<Int> = []

    public init(ref: ObjectRef, roleRef: ObjectRef, subjects: [SubjectRef]) {
        self.ref = ref
        self.roleRef = roleRef
        self.subjects = subjects
    }

    public var isClusterBinding: Bool { ref.kind == "ClusterRoleBinding" }

    func subjectNamespaceWritten(_ index: Int) -> Bool { !subjectsWithoutNamespace.contains(index) }
}

/// A pod template and the identity it runs with.
public struct KubernetesWorkload: Sendable, Hashable {
    public var ref: ObjectRef
    public var serviceAccount: PrincipalRef
    /// The pod spec's own automountServiceAccountToken, nil when unset.
    public var automountToken: Bool?
    /// Labels and annotations of the workload and its pod template (agent recognition reads them).
    public var labels: TextPairs
    public var annotations: TextPairs
    /// Where a fix goes: the pod spec's serviceAccountName, or the pod spec itself.
    public var podSpecLocation: SourceLocation?
    /// False for a workload written without a namespace.
    public var namespaceWritten = true

    public init(ref: ObjectRef, serviceAccount: PrincipalRef, automountToken: Bool?, labels: TextPairs, annotations: TextPairs, podSpecLocation: SourceLocation?) {
        self.ref = ref
        self.serviceAccount = serviceAccount
        self.automountToken = automountToken
        self.labels = labels
        self.annotations = annotations
        self.podSpecLocation = podSpecLocation
    }
}
