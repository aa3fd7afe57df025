import IdlintSyntax

/// Turns recognised Kubernetes objects into facts.
public enum KubernetesAdapter {
    public static func facts(from object: RecognizedObject, into facts: inout KubernetesFacts, builtIn: Bool = false) {
        switch object.kind {
        case .kubernetesRole, .kubernetesClusterRole:
            facts.roles.append(role(object, builtIn: builtIn))
        case .kubernetesRoleBinding, .kubernetesClusterRoleBinding:
            if let binding = binding(object) { facts.bindings.append(binding) }
        case .kubernetesServiceAccount:
            if let name = object.name {
                let metadata = object.node["metadata"]
                var account = Principal(
                    ref: PrincipalRef(platform: .kubernetes, kind: "ServiceAccount", name: name, namespace: object.namespace ?? "default"),
                    labels: stringMap(metadata?["labels"]), annotations: stringMap(metadata?["annotations"]),
                    automountsCredential: object.node["automountServiceAccountToken"]?.boolValue,
                    location: metadata?.entry("name")?.value.location ?? object.node.location
                )
                account.namespaceWritten = namespaceWritten(object)
                facts.serviceAccounts.append(account)
            }
        default:
            if DocumentKind.kubernetesWorkloads.contains(object.kind), let workload = workload(object) { facts.workloads.append(workload) }
        }
    }

    /// Whether the object says which namespace it is in. A manifest that does not is
    /// installed into one chosen at install time; the Terraform provider sends `default`.
    private static func namespaceWritten(_ object: RecognizedObject) -> Bool {
        object.namespace != nil || object.node.location.file.hasSuffix(".tf")
    }

    private static func objectRef(_ object: RecognizedObject) -> ObjectRef {
        let kind = object.kind.shortName
        let nameNode = object.node["metadata"]?["name"]
        return ObjectRef(kind: kind, name: object.name ?? "?", namespace: kind.hasPrefix("Cluster") ? nil : (object.namespace ?? "default"),
                         location: (nameNode ?? object.node).location)
    }

    private static func role(_ object: RecognizedObject, builtIn: Bool) -> KubernetesRole {
        var ref = objectRef(object)
        if builtIn { ref.location = nil }
        var rules: [PermissionStatement] = []
        object.node["rules"]?.forEachElement { rule in
            let fields = [rule["verbs"], rule["resources"], rule["apiGroups"], rule["resourceNames"], rule["nonResourceURLs"]]
            var values: [Located<String>] = []
            // Sized once: the statement keeps these compacted, and this list goes.
            values.reserveCapacity(fields.reduce(0) { $0 + ($1.map { $0.isSequence ? $0.count : 1 } ?? 0) })
            let actions = append(fields[0], to: &values, builtIn)
            let resources = append(fields[1], to: &values, builtIn)
            let apiGroups = append(fields[2], to: &values, builtIn)
            let resourceNames = append(fields[3], to: &values, builtIn)
            _ = append(fields[4], to: &values, builtIn)
            rules.append(PermissionStatement(values: values, counts: (actions, resources, apiGroups, resourceNames), isDeny: false,
                                             location: builtIn ? nil : rule.location))
            return true
        }
        let selectors = (object.node["aggregationRule"]?["clusterRoleSelectors"]?.elements ?? []).map(LabelSelector.parse)
        // Only ClusterRoles can be aggregated, so only their labels are ever read.
        let labels = object.kind == .kubernetesClusterRole ? stringMap(object.node["metadata"]?["labels"]) : [:]
        var role = KubernetesRole(ref: ref, labels: labels, rules: rules, aggregationSelectors: selectors, isBuiltIn: builtIn)
        role.namespaceWritten = builtIn || namespaceWritten(object)
        role.autoupdate = object.node["metadata"]?["annotations"]?.string("rbac.authorization.kubernetes.io/autoupdate") != "false"
        return role
    }

    private static func binding(_ object: RecognizedObject) -> KubernetesBinding? {
        let ref = objectRef(object)
        guard let roleRefNode = object.node["roleRef"], let roleName = roleRefNode.string("name") else { return nil }
        let roleKind = roleRefNode.string("kind") ?? "ClusterRole"
        let roleRef = ObjectRef(kind: roleKind, name: roleName, namespace: roleKind == "Role" ? ref.namespace : nil,
                                location: (roleRefNode["name"] ?? roleRefNode).location)
        var subjects: [SubjectRef] = []
        var withoutNamespace = Set<Int>()
        for subject in object.node["subjects"]?.elements ?? [] {
            guard let kind = subject.string("kind"), subject["kind"]?.isUnevaluated != true, var name = subject.string("name") else { continue }
            // A name only state knows (`each.value`) is some principal, but not one that
            // another binding's unknown name can be taken for: each stays its own.
            if let node = subject["name"], node.isUnevaluated { name = "\(name) (unresolved, line \(node.start.line))" }
            // A ServiceAccount subject without a namespace is in the binding's.
            let written = subject.string("namespace")
            if kind == "ServiceAccount", written == nil { withoutNamespace.insert(subjects.count) }
            let namespace = kind == "ServiceAccount" ? (written ?? ref.namespace ?? "default") : nil
            subjects.append(SubjectRef(principal: PrincipalRef(platform: .kubernetes, kind: kind, name: name, namespace: namespace),
                                       location: (subject["name"] ?? subject).location))
        }
        var binding = KubernetesBinding(ref: ref, roleRef: roleRef, subjects: subjects)
        binding.namespaceWritten = namespaceWritten(object)
        binding.subjectsWithoutNamespace = withoutNamespace
        return binding
    }

    private static func workload(_ object: RecognizedObject) -> KubernetesWorkload? {
        let template: Node? = switch object.kind {
        case .kubernetesPod: object.node
        case .kubernetesCronJob: object.node["spec"]?["jobTemplate"]?["spec"]?["template"]
        default: object.node["spec"]?["template"]
        }
        guard let template, let spec = template["spec"], spec.isMapping else { return nil }
        let namespace = object.namespace ?? "default"
        // An empty name is no name: the pod runs as the default account. The deprecated
        // `serviceAccount` is read only when `serviceAccountName` names none.
        func named(_ node: Node?) -> String? { node.flatMap { $0.isNull || $0.text.isEmpty ? nil : $0.text } }
        let accountNode = spec["serviceAccountName"] ?? spec["serviceAccount"]
        let account = named(spec["serviceAccountName"]) ?? named(spec["serviceAccount"]) ?? "default"
        // The pod template's own labels and annotations win over the object's.
        let labels = stringMap(object.node["metadata"]?["labels"]).overlaid(with: stringMap(template["metadata"]?["labels"]))
        let annotations = stringMap(object.node["metadata"]?["annotations"]).overlaid(with: stringMap(template["metadata"]?["annotations"]))
        let ref = objectRef(object)
        var workload = KubernetesWorkload(
            ref: ref, serviceAccount: PrincipalRef(platform: .kubernetes, kind: "ServiceAccount", name: account, namespace: namespace),
            automountToken: spec["automountServiceAccountToken"]?.boolValue, labels: labels, annotations: annotations,
            podSpecLocation: (accountNode ?? template.entry("spec")?.key ?? spec).location
        )
        workload.namespaceWritten = namespaceWritten(object)
        return workload
    }

    /// Appends the scalars of a list (or a single scalar) and returns how many there were.
    private static func append(_ node: Node?, to values: inout [Located<String>], _ builtIn: Bool) -> Int {
        guard let node else { return 0 }
        let before = values.count
        func add(_ item: Node) {
            guard item.isScalar, !item.isNull else { return }
            values.append(builtIn ? Located(item.text, span: nil) : Located(item))
        }
        if node.isSequence {
            node.forEachElement { add($0); return true }
        } else {
            add(node)
        }
        return values.count - before
    }

    static func stringMap(_ node: Node?) -> TextPairs {
        guard let node, node.isMapping, node.count > 0 else { return [:] }
        // Kept for every workload and account until the whole model is judged, and mostly
        // the same few keys and values (`app.kubernetes.io/part-of`, an owner's address):
        // shared, where a string each was 8 MB of the benchmark corpus's heap peak.
        return TextPairs(node.entries.lazy.filter { $0.key.isScalar && $0.value.isScalar }.map {
            (key: SharedTexts.text(of: $0.key), value: SharedTexts.text(of: $0.value))
        })
    }
}
