import FoundationEssentials
import IdlintSyntax

/// Which cloud identity a GitLab CI job can act as. A job that declares `id_tokens` gets a
/// signed token for each audience; what it signs in as is written in its script or its
/// variables, the way GitLab documents OIDC for each cloud: `aws sts
/// assume-role-with-web-identity --role-arn R` or the SDK's `AWS_ROLE_ARN`, `gcloud iam
/// workload-identity-pools create-cred-config P --service-account=SA`, `az login
/// --service-principal -u CLIENT --tenant T --federated-token ...`. The job is a
/// principal that may act as that role: a trust edge, as `WorkflowCloudTrust` reads
/// GitHub's login actions, so pointing the job at another role, or minting a token for
/// another audience, is a gain, while reordered keys or reformatted scripts are nothing.
/// The job is read as GitLab runs it (`GitLabJob`: its templates and defaults merged).
/// `$VAR` is read from the job's `variables`, then the pipeline's; a variable set only
/// in the project's settings stays as written (`$ROLE_ARN`): the file does not say more.
enum GitLabCloudTrust {
    /// Top-level keys of a pipeline that are not jobs.
    static let pipelineKeys: Set<String> = ["stages", "variables", "default", "include", "workflow", "image", "services", "cache",
                                            "before_script", "after_script", "types", "spec"]

    static func grants(_ object: RecognizedObject) -> [DirectGrant] {
        let pipeline = object.name ?? ".gitlab-ci.yml"
        var grants: [DirectGrant] = []
        object.node.forEachEntry { name, node in
            // Hidden jobs (`.name`) are templates and never run themselves.
            guard node.isMapping, !pipelineKeys.contains(name.text), !name.text.hasPrefix(".") else { return true }
            let job = GitLabJob(node, in: object.node)
            guard !job.tokens.isEmpty else { return true }
            let tokens = job.tokens.keys.sorted().compactMap { job.tokens[$0] }
            let privileges = audiences(tokens) + cloudIdentities(commands: scriptCommands(job.scriptEntries), variables: job.variables, audiences: tokens)
            let principal = PrincipalRef(platform: .gitlab, kind: "GitLab CI job", name: "\(pipeline) / \(name.text)")
            grants.append(DirectGrant(principal: principal, privileges: privileges, through: "pipeline \(pipeline)"))
            return true
        }
        return grants
    }

    private static func edge(_ verb: String, _ identity: String, _ how: String) -> Privilege {
        Privilege(action: verb, resource: identity, group: "", scope: how, names: [])
    }

    /// Each audience the job's tokens are minted for: what a cloud's trust checks.
    private static func audiences(_ tokens: [Node]) -> [Privilege] {
        tokens.flatMap { token in
            (token["aud"]?.scalarItems ?? []).map { edge("mint ID tokens for audience", Redaction.scrub($0.text), "in the job's pipelines") }
        }
    }

    /// The job's script commands as words, quotes and line continuations dropped: a
    /// folded entry (`- >`) is one command, while a line of a literal block (`- |`), `&&`,
    /// `;` and `|` end one, so an option is read from the command it belongs to
    /// (`--service-account` of `create-cred-config`, not of a `gcloud run deploy` after it).
    private static func scriptCommands(_ entries: [Node]) -> [[String]] {
        entries.flatMap { entry -> [[String]] in
            var commands: [[String]] = [[]]
            for line in entry.text.replacing("\\\n", with: " ").split(separator: "\n") {
                commands.append([])
                commandWords(line, into: &commands)
            }
            return commands.filter { !$0.isEmpty }
        }
    }

    /// Adds one line's words to the last command, starting a new one at each separator.
    private static func commandWords(_ line: Substring, into commands: inout [[String]]) {
        for word in line.split(whereSeparator: \.isWhitespace) {
            if ["&&", "||", ";", "|"].contains(word) {
                commands.append([])
                continue
            }
            let cleaned = String(word).trimmingCharacters(whereIn: "\"'();")
            if !cleaned.isEmpty { commands[commands.count - 1].append(cleaned) }
            if word.hasSuffix(";") { commands.append([]) }
        }
    }

    /// The first command that holds the words `sequence` in a row.
    private static func command(_ sequence: [String], in commands: [[String]]) -> [String]? {
        commands.first { words in
            words.indices.contains { index in sequence.enumerated().allSatisfy { index + $0.offset < words.count && words[index + $0.offset] == $0.element } }
        }
    }

    /// The value after `flag` in a command (`--flag value` or `--flag=value`), for any of the spellings.
    private static func option(_ flags: [String], in words: [String]) -> String? {
        for (index, word) in words.enumerated() {
            for flag in flags {
                if word == flag, index + 1 < words.count { return words[index + 1] }
                if word.hasPrefix(flag + "=") { return String(word.dropFirst(flag.count + 1)) }
            }
        }
        return nil
    }

    /// `$NAME` and `${NAME}` replaced by the variables the file sets; others stay.
    private static func resolve(_ value: String, _ variables: [String: String]) -> String {
        var result = value
        // Longest names first, so the outcome does not hang on the dictionary's order.
        for (name, text) in variables.sorted(by: { ($0.key.count, $0.key) > ($1.key.count, $1.key) }) where result.contains("$") {
            result = result.replacing("${\(name)}", with: text)
            if let range = result.firstRange(of: "$" + name), !(result[range.upperBound...].first.map { $0.isLetter || $0.isNumber || $0 == "_" } ?? false) {
                result.replaceSubrange(range, with: text)
            }
        }
        return Redaction.scrub(result)
    }

    private static func cloudIdentities(commands: [[String]], variables: [String: String], audiences tokens: [Node]) -> [Privilege] {
        var found: [Privilege] = []
        // AWS: the CLI call, or the SDK's own variables (AWS_ROLE_ARN with a token file).
        let awsRole = command(["assume-role-with-web-identity"], in: commands).flatMap { option(["--role-arn"], in: $0) }
        if let role = awsRole ?? variables["AWS_ROLE_ARN"] ?? variables["ROLE_ARN"] {
            found.append(edge("sts:AssumeRoleWithWebIdentity", resolve(role, variables), "from the job's ID token"))
        }
        // GCP: a credential configuration for a workload identity provider, with or without
        // a service account to impersonate; else an audience that names the provider.
        let credentialConfig = command(["workload-identity-pools", "create-cred-config"], in: commands)
        let gcpProvider = credentialConfig.flatMap { words in words.firstIndex(of: "create-cred-config").flatMap { words.indices.contains($0 + 1) ? words[$0 + 1] : nil } }
        let audienceProvider = tokens.flatMap { $0["aud"]?.scalarItems ?? [] }.map(\.text)
            .first { $0.hasPrefix("https://iam.googleapis.com/") }.map { Redaction.scrub(String($0.dropFirst("https://iam.googleapis.com/".count))) }
        let provider = (gcpProvider ?? variables["GCP_WORKLOAD_IDENTITY_PROVIDER"]).map { resolve($0, variables) } ?? audienceProvider
        let account = (credentialConfig.flatMap { option(["--service-account"], in: $0) } ?? variables["GCP_SERVICE_ACCOUNT"]).map { resolve($0, variables) }
        if let account {
            found.append(edge("iam.serviceAccounts.getAccessToken", account, provider.map { "through workload identity provider \($0)" } ?? "from the job's ID token"))
        } else if let provider {
            found.append(edge("federate through", provider, "as the job's own principal"))
        }
        // Azure: `az login` with a federated token, or the variables the azure tooling reads.
        let azureLogin = command(["az", "login"], in: commands).flatMap { option(["--federated-token"], in: $0) != nil ? $0 : nil }
        let client = azureLogin.flatMap { option(["-u", "--username"], in: $0) } ?? variables["AZURE_CLIENT_ID"] ?? variables["ARM_CLIENT_ID"]
        if let client {
            let tenant = (azureLogin.flatMap { option(["-t", "--tenant"], in: $0) } ?? variables["AZURE_TENANT_ID"] ?? variables["ARM_TENANT_ID"])
                .map { " in tenant \(resolve($0, variables))" } ?? ""
            found.append(edge("sign in as application", resolve(client, variables), "from the job's ID token" + tenant))
        }
        return found
    }
}
