import IdlintSyntax

/// A workflow job's `GITHUB_TOKEN` permissions: the job's own `permissions`, else the
/// workflow's, else the repository's default (which the file does not show, so it is a
/// privilege of its own: moving from the default to anything explicit is a change).
/// `write` includes `read`, and `write-all` and `read-all` reach every scope.
enum GitHubActionsGrants {
    static func grants(_ object: RecognizedObject) -> [DirectGrant] {
        let root = object.node
        let workflow = object.name ?? "workflow"
        let topLevel = root["permissions"]
        var grants: [DirectGrant] = []
        root["jobs"]?.forEachEntry { name, job in
            let permissions = job["permissions"] ?? topLevel
            let principal = PrincipalRef(platform: .github, kind: "Workflow job", name: "\(workflow) / \(name.text)")
            grants.append(DirectGrant(principal: principal, privileges: privileges(permissions), through: "workflow \(workflow)", location: name.location))
            return true
        }
        return grants
    }

    private static func privileges(_ permissions: Node?) -> [Privilege] {
        guard let permissions, !permissions.isNull else {
            return [privilege("repository default", "*")]
        }
        if permissions.isScalar {
            switch permissions.text {
            case "write-all": return [privilege("write", "*"), privilege("read", "*")]
            case "read-all": return [privilege("read", "*")]
            default: return [privilege(DirectGrantExtractors.text(permissions) ?? "unknown", "*")]
            }
        }
        var held: [Privilege] = []
        permissions.forEachEntry { scope, level in
            switch level.text {
            case "write": held += [privilege("write", scope.text), privilege("read", scope.text)]
            case "read": held.append(privilege("read", scope.text))
            case "none": break
            default: held.append(privilege(DirectGrantExtractors.text(level) ?? "unknown", scope.text))
            }
            return true
        }
        return held
    }

    private static func privilege(_ level: String, _ scope: String) -> Privilege {
        Privilege(action: level, resource: scope, group: "", scope: "with the job's token", names: [])
    }
}
