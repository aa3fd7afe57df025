import IdlintSyntax

/// A strategic merge patch, as the API server applies one to the kinds idlint patches:
/// mappings merge key by key (null or `$patch: delete` removes, `$patch: replace`
/// replaces), and lists are replaced whole, since RBAC's rules and subjects have no merge
/// key, except a ServiceAccount's `secrets`, merged by name. What the patch writes keeps
/// the patch's places; what it leaves keeps the base's.
extension PlacedNode {
    /// Lists merged by a key instead of replaced, by kind and field.
    private static let mergeKeys: [String: [String: String]] = ["ServiceAccount": ["secrets": "name", "imagePullSecrets": "name"]]

    mutating func mergePatch(_ patch: PlacedNode, kind: String) {
        self = merged(self, patch, mergeKeys: Self.mergeKeys[kind] ?? [:], depth: 0)
    }

    private func merged(_ base: PlacedNode, _ patch: PlacedNode, mergeKeys: [String: String], depth: Int) -> PlacedNode {
        guard base.isMapping, patch.isMapping, depth < 64 else { return patch }
        if patch["$patch"]?.text == "replace" {
            var replacement = patch
            replacement["$patch"] = nil
            return replacement
        }
        var result = base
        for entry in patch.entries {
            guard let key = entry.key.text, !key.hasPrefix("$") else { continue }
            let change = entry.value
            if let existing = base[key], existing.text != nil, existing.text == change.text {
                // Restating a value (the name that selects the target) changes nothing: it stays the base's.
                continue
            } else if case .scalar(_, .plain, _) = change.value, change.text == nil {
                result[key] = nil
            } else if change.isMapping, change["$patch"]?.text == "delete" {
                result[key] = nil
            } else if let existing = base[key], existing.isMapping, change.isMapping {
                result.set(entry.key, merged(existing, change, mergeKeys: [:], depth: depth + 1))
            } else if depth == 0, let mergeKey = mergeKeys[key], let existing = base[key]?.elements, let added = change.elements {
                var list = existing
                for element in added {
                    if let name = element[mergeKey]?.text, let index = list.firstIndex(where: { $0[mergeKey]?.text == name }) {
                        list[index] = merged(list[index], element, mergeKeys: [:], depth: depth + 1)
                    } else {
                        list.append(element)
                    }
                }
                var node = change
                node.value = .sequence(list)
                result.set(entry.key, node)
            } else {
                result.set(entry.key, change)
            }
        }
        return result
    }
}
