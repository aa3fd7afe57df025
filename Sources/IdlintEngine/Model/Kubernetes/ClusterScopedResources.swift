/// Kubernetes resources that exist outside every namespace, by API group, as the API
/// reference lists them (`Namespaced: false` in `kubectl api-resources`), plus the
/// virtual resources that RBAC checks without a namespace: the users, groups, UIDs and
/// extras of impersonation, and certificate signers. A Role, or a ClusterRole bound by a
/// RoleBinding, grants inside one namespace, so a request for one of these never matches
/// it: such a grant reaches nothing.
///
/// Left out on purpose, although cluster-scoped objects:
/// - `namespaces`: a request for a namespace object is authorised in that namespace, so a
///   RoleBinding does give get, update or delete on its own namespace;
/// - `clusterroles`: `bind` on a ClusterRole is checked in the namespace of the
///   RoleBinding that names it, so a RoleBinding can let its holder hand out a ClusterRole
///   there;
/// - `securitycontextconstraints` and `podsecuritypolicies`: `use` is checked in the
///   namespace of the pod being admitted.
enum ClusterScopedResources {
    static let byGroup: [String: Set<String>] = [
        "": ["nodes", "persistentvolumes", "componentstatuses", "users", "groups"],
        "authentication.k8s.io": ["tokenreviews", "selfsubjectreviews", "uids", "userextras"],
        "authorization.k8s.io": ["subjectaccessreviews", "selfsubjectaccessreviews", "selfsubjectrulesreviews"],
        "certificates.k8s.io": ["certificatesigningrequests", "signers", "clustertrustbundles"],
        "admissionregistration.k8s.io": ["mutatingwebhookconfigurations", "validatingwebhookconfigurations", "validatingadmissionpolicies",
                                         "validatingadmissionpolicybindings", "mutatingadmissionpolicies", "mutatingadmissionpolicybindings"],
        "rbac.authorization.k8s.io": ["clusterrolebindings"],
        "storage.k8s.io": ["storageclasses", "csidrivers", "csinodes", "volumeattachments", "volumeattributesclasses"],
        "apiextensions.k8s.io": ["customresourcedefinitions"],
        "apiregistration.k8s.io": ["apiservices"],
        "scheduling.k8s.io": ["priorityclasses"],
        "node.k8s.io": ["runtimeclasses"],
        "networking.k8s.io": ["ingressclasses", "ipaddresses", "servicecidrs"],
        "flowcontrol.apiserver.k8s.io": ["flowschemas", "prioritylevelconfigurations"],
        "resource.k8s.io": ["deviceclasses", "resourceslices"],
    ]

    /// Whether a resource (`nodes/proxy` is judged by `nodes`) is cluster-scoped in every
    /// one of the API groups named; an empty list means any group, and so is judged by
    /// the core group.
    static func contains(_ resource: String, inGroups groups: [String]) -> Bool {
        let base = resource.split(separator: "/", maxSplits: 1).first.map(String.init) ?? resource
        let named = groups.isEmpty ? [""] : groups
        return named.allSatisfy { byGroup[$0]?.contains(base) == true }
    }
}

extension GrantPattern {
    /// The pattern as a grant inside one namespace can meet it: without the
    /// cluster-scoped resources it names, or nil when it names nothing else.
    func reachableInsideNamespace() -> GrantPattern? {
        let kept = resources.filter { !ClusterScopedResources.contains($0, inGroups: apiGroups) }
        if kept.count == resources.count { return self }
        guard !kept.isEmpty else { return nil }
        return GrantPattern(actions: actions, resources: kept, apiGroups: apiGroups, actionSet: actionSet, resourceNames: resourceNames)
    }
}
