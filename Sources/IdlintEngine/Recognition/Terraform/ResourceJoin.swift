import IdlintSyntax

/// Resources that belong to another by naming it (a Keycloak client its realm, an
/// application password its application), grouped per parent for one file: each file
/// yields one native document per parent with the members it holds, so that every
/// finding keeps its place. A parent declared in another file is known here only by the
/// reference its members make.
struct ResourceJoin {
    struct Group {
        /// The parent's address, or how its members name it.
        var key: String
        /// The parent's body, when this file declares it.
        var parent: Node?
        var members: [TerraformPlanRecognizer.Resource]
        /// Where the document is placed: the parent, or the first member's reference.
        var anchor: Node
    }

    /// Groups in the order first met. `parentTypes` are the parents' resource types;
    /// `reference` gives a member's key and the node that names its parent, or nil for
    /// a resource that is neither.
    static func groups(_ resources: [TerraformPlanRecognizer.Resource], parentTypes: Set<String>,
                       reference: (TerraformPlanRecognizer.Resource) -> (key: String, node: Node)?) -> [Group] {
        var groups: [Group] = []
        var index: [String: Int] = [:]
        for resource in resources {
            if parentTypes.contains(resource.type) {
                if let existing = index[resource.address] {
                    groups[existing].parent = resource.source
                    groups[existing].anchor = resource.source
                } else {
                    index[resource.address] = groups.count
                    groups.append(Group(key: resource.address, parent: resource.source, members: [], anchor: resource.source))
                }
            } else if let (key, node) = reference(resource) {
                if let existing = index[key] {
                    groups[existing].members.append(resource)
                } else {
                    index[key] = groups.count
                    groups.append(Group(key: key, parent: nil, members: [resource], anchor: node))
                }
            }
        }
        return groups
    }
}
