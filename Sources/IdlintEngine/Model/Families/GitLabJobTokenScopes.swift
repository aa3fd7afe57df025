import IdlintSyntax

/// A GitLab project's CI/CD job token allowlist, as the gitlab Terraform provider writes
/// it: `gitlab_project_job_token_scope` adds one project (`target_project_id`) or group
/// (`target_group_id`) to `project`'s allowlist, `gitlab_project_job_token_scopes` sets
/// the whole list (`target_project_ids`, `target_group_ids`) and may switch it off
/// (`enabled = false`: every project's jobs are let in). Each listed project or group is
/// a principal whose jobs may use their `CI_JOB_TOKEN` on `project`: adding one is its
/// gain in the delta, and turning the allowlist off is a gain of every project.
enum GitLabJobTokenScopes {
    static func grants(_ object: RecognizedObject) -> [DirectGrant] {
        let values = object.node
        let project = DirectGrantExtractors.text(values["project"]) ?? DirectGrantExtractors.text(values["project_id"]) ?? object.name ?? "project"
        let privilege = Privilege(action: "use CI_JOB_TOKEN on", resource: "project \(project)", group: "", scope: "through its job token allowlist", names: [])
        let through = "job token allowlist \(object.name ?? project)"
        func jobs(_ kind: String, _ name: String) -> DirectGrant {
            DirectGrant(principal: PrincipalRef(platform: .gitlab, kind: kind, name: name), privileges: [privilege], through: through)
        }
        if values["enabled"]?.boolValue == false {
            return [jobs("CI jobs of", "any project")]
        }
        let projects = ["target_project_id", "target_project_ids"].flatMap { values[$0]?.scalarItems ?? [] }.compactMap(DirectGrantExtractors.text)
        let groups = ["target_group_id", "target_group_ids"].flatMap { values[$0]?.scalarItems ?? [] }.compactMap(DirectGrantExtractors.text)
        return projects.map { jobs("CI jobs of project", $0) } + groups.map { jobs("CI jobs of group", $0) }
    }
}
