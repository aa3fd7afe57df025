import Testing
@testable import IdlintEngine

/// Kubeconfig users, MCP servers and workflow jobs' cloud roles as trust edges: the
/// change gate names what changes in meaning and nothing for a reformat.
@Suite("Trust edges: kubeconfig users, MCP servers, CI jobs and service accounts to cloud roles")
struct TrustEdgeTests {
    static func kubeconfig(user: String, contextUser: String = "runner", server: String = "https://api.prod.example.com:6443") -> String {
        """
        apiVersion: v1
        kind: Config
        clusters: [{name: prod, cluster: {server: "\(server)"}}]
        contexts: [{name: prod, context: {cluster: prod, user: \(contextUser), namespace: apps}}]
        current-context: prod
        users:
          - name: runner
            user:
        \(user)
          - name: viewer
            user:
              tokenFile: /var/run/viewer/token
        """
    }

    static let eksExec = """
              exec:
                apiVersion: client.authentication.k8s.io/v1beta1
                command: aws
                args: [eks, get-token, --cluster-name, prod, --role-arn, "arn:aws:iam::111122223333:role/runner"]
    """

    static func gains(_ comparison: ChangeComparison, of name: String) -> [String] {
        comparison.privilegeDelta.filter { $0.principal.name == name }.flatMap(\.gained).map(\.description)
    }

    @Test("a kubeconfig reindented, reordered and commented is no change")
    func kubeconfigReformatted() {
        let base = Self.kubeconfig(user: Self.eksExec)
        let head = "# the release runner's access\n" + base.replacingOccurrences(of: "[eks, get-token, --cluster-name, prod, --role-arn, \"arn:aws:iam::111122223333:role/runner\"]",
                                                                                  with: "\n              - eks\n              - get-token\n              - --cluster-name\n              - prod\n              - --role-arn\n              - arn:aws:iam::111122223333:role/runner")
        let comparison = compareInMemory(["ops/kubeconfig.yaml": base], ["ops/kubeconfig.yaml": head])
        #expect(comparison.privilegeDelta.isEmpty, "\(comparison.privilegeDelta.map(\.gained))")
        #expect(comparison.verdict == .pass, "\(comparison.reasons)")
    }

    @Test("an exec plugin that assumes another role is a gain of the user, named with the new command line")
    func execCommandChanged() {
        let head = Self.eksExec.replacingOccurrences(of: "role/runner", with: "role/cluster-admin")
        let comparison = compareInMemory(["ops/kubeconfig.yaml": Self.kubeconfig(user: Self.eksExec)], ["ops/kubeconfig.yaml": Self.kubeconfig(user: head)])
        let gained = Self.gains(comparison, of: "runner")
        #expect(gained == ["sign in with the exec plugin `aws eks get-token --cluster-name prod --role-arn arn:aws:iam::111122223333:role/cluster-admin` as a kubeconfig user"], "\(gained)")
        #expect(comparison.privilegeDelta.first?.lost.count == 1)
        #expect(comparison.privilegeDelta.first?.grantedThrough == ["kubeconfig kubeconfig.yaml"])
        #expect(comparison.verdict == .review, "\(comparison.reasons)")
    }

    @Test("switching a user to an embedded token names the new way in; the token's value never shows")
    func switchedCredentialKind() {
        let token = "eyJhbGciOiJSUzI1NiJ9.c2VjcmV0LXRva2VuLXZhbHVl.c2lnbmF0dXJl"
        let comparison = compareInMemory(["ops/kubeconfig.yaml": Self.kubeconfig(user: Self.eksExec)],
                                         ["ops/kubeconfig.yaml": Self.kubeconfig(user: "          token: \(token)")])
        #expect(Self.gains(comparison, of: "runner") == ["sign in with an embedded token as a kubeconfig user"])
        let everything = comparison.privilegeDelta.flatMap { $0.gained + $0.lost }.map(\.description).joined() + comparison.reasons.joined()
        #expect(!everything.contains("c2VjcmV0"))
        #expect(comparison.verdict == .block, "a static token replacing federation is also a new finding: \(comparison.reasons)")
    }

    @Test("a context that takes another user to the cluster is that user's gain; a new server is the user's gain")
    func contextsAndServers() {
        let base = Self.kubeconfig(user: Self.eksExec)
        let switched = compareInMemory(["k.yaml": base], ["k.yaml": Self.kubeconfig(user: Self.eksExec, contextUser: "viewer")])
        #expect(Self.gains(switched, of: "viewer") == ["act on the API server https://api.prod.example.com:6443 through a context"], "\(switched.privilegeDelta.map(\.gained))")
        let moved = compareInMemory(["k.yaml": base], ["k.yaml": Self.kubeconfig(user: Self.eksExec, server: "https://api.other.example.net:443/path")])
        #expect(Self.gains(moved, of: "runner") == ["act on the API server https://api.other.example.net:443 through a context"])
    }

    @Test("impersonation and a secret exec argument: the first ranks as escalation, the second is named by its hash")
    func impersonationAndSecretArguments() {
        let user = """
                  as: system:admin
                  exec: {command: kubectl-login, args: [--token, s3cr3tV4lu3Xy9Kq2Lm8Np, --issuer=https://login.example.com]}
        """
        let comparison = compareInMemory(["k.yaml": Self.kubeconfig(user: Self.eksExec)], ["k.yaml": Self.kubeconfig(user: user)])
        let gained = Self.gains(comparison, of: "runner")
        #expect(gained.first == "impersonate user system:admin on every request", "\(gained)")
        #expect(gained.contains { $0.contains("kubectl-login --token hmac:") && $0.contains("--issuer=https://login.example.com") }, "\(gained)")
        #expect(!gained.joined().contains("s3cr3t"))
    }

    static let mcp = """
    {
      "servers": {
        "jira": {"type": "stdio", "command": "npx", "args": ["-y", "@acme/jira-mcp@2.3.1"],
                 "env": {"JIRA_URL": "https://acme.atlassian.net", "JIRA_TOKEN": "${input:jira-token}"}},
        "docs": {"type": "http", "url": "https://mcp.docs.acme.example/mcp"}
      }
    }
    """

    @Test("an MCP configuration reordered, reindented, or with a remote's path moved on the same host is no change")
    func mcpReformatted() {
        let head = """
        {"servers": {
          "docs": {"url": "https://mcp.docs.acme.example/v2/mcp", "type": "http"},
          "jira": {"env": {"JIRA_TOKEN": "${input:jira-token}", "JIRA_URL": "https://acme.atlassian.net"},
                   "args": ["-y", "@acme/jira-mcp@2.3.1"], "command": "npx", "type": "stdio"}
        }}
        """
        let comparison = compareInMemory([".vscode/mcp.json": Self.mcp], [".vscode/mcp.json": head], actor: .agent)
        #expect(comparison.privilegeDelta.isEmpty, "\(comparison.privilegeDelta.map(\.gained))")
        #expect(comparison.verdict == .pass, "\(comparison.reasons)")
    }

    @Test("an MCP server added, moved to another host, or handed a new token is a gain of that server")
    func mcpGains() {
        let added = Self.mcp.replacingOccurrences(of: "\"docs\":", with: "\"search\": {\"url\": \"https://mcp.search.example.org/sse\"},\n    \"docs\":")
        let addedComparison = compareInMemory([".vscode/mcp.json": Self.mcp], [".vscode/mcp.json": added])
        let server = addedComparison.privilegeDelta.first { $0.principal.name == "search" }
        #expect(server?.isNew == true)
        #expect(server?.gained.map(\.description) == ["connect to https://mcp.search.example.org as the server's remote"])
        #expect(addedComparison.verdict == .review, "\(addedComparison.reasons)")

        let moved = compareInMemory([".vscode/mcp.json": Self.mcp], [".vscode/mcp.json": Self.mcp.replacingOccurrences(of: "mcp.docs.acme.example", with: "docs.attacker.example")])
        #expect(Self.gains(moved, of: "docs") == ["connect to https://docs.attacker.example as the server's remote"])

        let token = Self.mcp.replacingOccurrences(of: "\"JIRA_URL\"", with: "\"CONFLUENCE_TOKEN\": \"${env:CONFLUENCE_TOKEN}\", \"JIRA_URL\"")
        let handed = compareInMemory([".vscode/mcp.json": Self.mcp], [".vscode/mcp.json": token])
        #expect(Self.gains(handed, of: "jira") == ["receive environment variable CONFLUENCE_TOKEN from ${env:CONFLUENCE_TOKEN}"])
    }

    @Test("Codex's TOML servers are the same edges: a new remote header token is a gain, reordering tables is nothing")
    func codexServers() {
        let base = """
        approval_policy = "on-request"

        [mcp_servers.docs]
        url = "https://mcp.docs.acme.example/mcp"

        [mcp_servers.jira]
        command = "npx"
        args = ["-y", "@acme/jira-mcp@2.3.1"]
        """
        let reordered = """
        approval_policy = "on-request"   # tables reordered below
        [mcp_servers.jira]
        args = ["-y", "@acme/jira-mcp@2.3.1"]
        command = "npx"
        [mcp_servers.docs]
        url = "https://mcp.docs.acme.example/mcp"
        """
        let same = compareInMemory([".codex/config.toml": base], [".codex/config.toml": reordered])
        #expect(same.privilegeDelta.isEmpty, "\(same.privilegeDelta.map(\.gained))")

        let header = base.replacingOccurrences(of: "url = \"https://mcp.docs.acme.example/mcp\"", with: "url = \"https://mcp.docs.acme.example/mcp\"\nhttp_headers = { Authorization = \"$DOCS_TOKEN\" }")
        let handed = compareInMemory([".codex/config.toml": base], [".codex/config.toml": header])
        #expect(Self.gains(handed, of: "docs") == ["receive header Authorization from $DOCS_TOKEN"])
        #expect(handed.verdict == .review, "\(handed.reasons)")
    }

    @Test("an agent that widens an MCP server's reach widens its own: blocked")
    func agentWidensItsServer() {
        let comparison = compareInMemory([".mcp.json": Self.mcp], [".mcp.json": Self.mcp.replacingOccurrences(of: "@acme/jira-mcp@2.3.1", with: "@evil/jira-mcp")], actor: .agent)
        #expect(comparison.privilegeDelta.first?.isAgent == true)
        #expect(comparison.verdict == .block, "\(comparison.reasons)")
    }

    static func workflow(_ with: String, uses: String = "aws-actions/configure-aws-credentials@v4") -> String {
        """
        name: deploy
        on: {push: {branches: [main]}}
        permissions: {id-token: write, contents: read}
        jobs:
          apply:
            runs-on: ubuntu-latest
            steps:
              - uses: actions/checkout@v4
              - name: Sign in
                uses: \(uses)
                with:
        \(with)
              - run: ./deploy.sh
        """
    }

    @Test("a job pointed at another AWS role gains it, ranked as escalation; renaming the step is nothing")
    func workflowRoleChanged() {
        let base = Self.workflow("          role-to-assume: arn:aws:iam::111122223333:role/deploy-staging\n          aws-region: eu-west-1")
        let head = base.replacingOccurrences(of: "deploy-staging", with: "deploy-prod")
        let comparison = compareInMemory([".github/workflows/deploy.yml": base], [".github/workflows/deploy.yml": head])
        let entry = comparison.privilegeDelta.first { $0.principal.name == "deploy.yml / apply" }
        #expect(entry?.gained.map(\.description) == ["sts:AssumeRoleWithWebIdentity arn:aws:iam::111122223333:role/deploy-prod from the job's OIDC token"])
        #expect(entry?.gained.first.map(PrivilegeRisk.rank) == PrivilegeRisk.escalation)
        #expect(comparison.verdict == .review, "\(comparison.reasons)")

        let renamed = compareInMemory([".github/workflows/deploy.yml": base], [".github/workflows/deploy.yml": base.replacingOccurrences(of: "Sign in", with: "Assume the deploy role")])
        #expect(renamed.privilegeDelta.isEmpty && renamed.verdict == .pass, "\(renamed.reasons)")
    }

    @Test("GCP and Azure logins: the service account impersonated and the application signed in as")
    func workflowGCPAndAzure() {
        let gcp = Self.workflow("          workload_identity_provider: projects/123/locations/global/workloadIdentityPools/gh/providers/gh\n          service_account: deploy@acme.iam.gserviceaccount.com",
                                uses: "google-github-actions/auth@v2")
        let gcpComparison = compareInMemory([".github/workflows/deploy.yml": Self.workflow("          aws-region: eu-west-1")], [".github/workflows/deploy.yml": gcp])
        #expect(Self.gains(gcpComparison, of: "deploy.yml / apply") == ["iam.serviceAccounts.getAccessToken deploy@acme.iam.gserviceaccount.com through workload identity provider projects/123/locations/global/workloadIdentityPools/gh/providers/gh"])
        let azure = Self.workflow("          client-id: 0b7c3d1e-1111-4222-8333-944445555666\n          tenant-id: 7f3e2a10-aaaa-4bbb-8ccc-ddddeeeeffff", uses: "azure/login@v2")
        let azureComparison = compareInMemory([".github/workflows/deploy.yml": gcp], [".github/workflows/deploy.yml": azure])
        #expect(Self.gains(azureComparison, of: "deploy.yml / apply") == ["sign in as application 0b7c3d1e-1111-4222-8333-944445555666 from the job's OIDC token in tenant 7f3e2a10-aaaa-4bbb-8ccc-ddddeeeeffff"])
        #expect(azureComparison.privilegeDelta.first?.lost.first?.action == "iam.serviceAccounts.getAccessToken")
    }

    static func serviceAccount(_ annotations: String) -> String {
        """
        apiVersion: v1
        kind: ServiceAccount
        metadata:
          name: exporter
          namespace: billing
          labels: {app: exporter}
          annotations: {\(annotations)}
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: {name: exporter, namespace: billing}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
        subjects: [{kind: ServiceAccount, name: exporter, namespace: billing}]
        """
    }

    @Test("a service account's workload identity annotation is a trust edge of the account its RBAC subjects name")
    func workloadIdentity() {
        let base = Self.serviceAccount("eks.amazonaws.com/role-arn: arn:aws:iam::111122223333:role/billing-export")
        let head = Self.serviceAccount("eks.amazonaws.com/role-arn: arn:aws:iam::111122223333:role/billing-admin, iam.gke.io/gcp-service-account: exporter@acme.iam.gserviceaccount.com")
        let comparison = compareInMemory(["sa.yaml": base], ["sa.yaml": head])
        #expect(comparison.privilegeDelta.map(\.principal.description) == ["ServiceAccount billing/exporter"], "\(comparison.privilegeDelta.map(\.principal))")
        #expect(Self.gains(comparison, of: "exporter") == ["sts:AssumeRoleWithWebIdentity arn:aws:iam::111122223333:role/billing-admin from its projected token (EKS IRSA)",
                                                         "iam.serviceAccounts.getAccessToken exporter@acme.iam.gserviceaccount.com through GKE workload identity"])
        #expect(comparison.verdict == .review)
        let relabelled = compareInMemory(["sa.yaml": base], ["sa.yaml": base.replacingOccurrences(of: "{app: exporter}", with: "{app: exporter, team: billing}")])
        #expect(relabelled.privilegeDelta.isEmpty && relabelled.verdict == .pass, "\(relabelled.reasons)")
    }

    static func dex(_ clients: String) -> String {
        """
        issuer: https://login.acme.example/dex
        storage: {type: memory}
        connectors: [{type: github, id: github, name: GitHub, config: {clientID: $GITHUB_CLIENT_ID, clientSecret: $GITHUB_CLIENT_SECRET}}]
        staticClients:
        \(clients)
        """
    }

    @Test("Dex static clients: a new redirect host, a client made public, a trusted peer are gains; renaming is nothing")
    func dexClients() {
        let base = Self.dex("""
          - {id: grafana, name: Grafana, secretEnv: GRAFANA_SECRET, redirectURIs: ["https://grafana.acme.example/login/generic_oauth"]}
          - {id: kubectl, name: kubectl, secretEnv: KUBECTL_SECRET, redirectURIs: ["http://localhost:8000"]}
        """)
        let head = Self.dex("""
          - {id: kubectl, name: kubectl login, public: true, redirectURIs: ["http://localhost:8000"]}
          - {id: grafana, name: Grafana dashboards, secretEnv: GRAFANA_SECRET, trustedPeers: [kubectl],
             redirectURIs: ["https://grafana.acme.example/login/generic_oauth", "https://grafana.partner.example/login/generic_oauth"]}
        """)
        let comparison = compareInMemory(["dex/config.yaml": base], ["dex/config.yaml": head])
        #expect(Self.gains(comparison, of: "grafana") == ["receive codes and tokens at https://grafana.partner.example/login/generic_oauth as a redirect URI"])
        #expect(Set(Self.gains(comparison, of: "kubectl")) == ["obtain tokens without a secret as a public client", "obtain tokens issued for client grafana as a trusted peer"])
        #expect(comparison.verdict != .pass)
        let renamed = compareInMemory(["dex/config.yaml": base], ["dex/config.yaml": base.replacingOccurrences(of: "name: Grafana,", with: "name: Grafana dashboards,")])
        #expect(renamed.privilegeDelta.isEmpty && renamed.verdict == .pass, "\(renamed.reasons)")
    }

    @Test("command lines and origins keep no secret: hashed arguments, no userinfo or query")
    func edgeText() {
        #expect(TrustEdgeText.origin("HTTPS://user:pw@API.Example.com:8443/x?token=abc") == "https://api.example.com:8443")
        let line = TrustEdgeText.commandLine("tool", arguments: ["--api-key=Zx8Kq2Lm9Np4Rt6Vw1Yb", "--region", "eu", "ghp_abcdefghijklmnopqrstuvwxyz0123456789"],
                                             environment: [(name: "API_TOKEN", value: "plain-value-1"), (name: "PROFILE", value: "prod")])
        #expect(!line.contains("Zx8Kq2") && !line.contains("ghp_abc") && !line.contains("plain-value-1"), "\(line)")
        #expect(line.hasPrefix("API_TOKEN=hmac:") && line.contains("PROFILE=prod tool --api-key=hmac:") && line.contains("--region eu"), "\(line)")
        // Passwords that neither look random nor follow a flag named like a credential.
        let plain = TrustEdgeText.commandLine("psql-mcp", arguments: ["--db-pass", "Winter2025", "--pass", "Winter2024!", "Autumn2025", "hunter2",
                                                                     "--region", "us-east-1", "-y", "@acme/jira-mcp@2.3.1", "--role-arn", "arn:aws:iam::111122223333:role/runner"],
                                              environment: [(name: "PGPASSFILE_CONTENT", value: "db:5432:app:app:Spring2024"), (name: "DB_PASS", value: "x"), (name: "OPENAI_KEY", value: "sk")])
        for secret in ["Winter2025", "Winter2024", "Autumn2025", "hunter2", "Spring2024", "DB_PASS=x", "OPENAI_KEY=sk"] {
            #expect(!plain.contains(secret), "\(secret) in \(plain)")
        }
        #expect(plain.contains("psql-mcp --db-pass hmac:") && plain.contains("--region us-east-1 -y @acme/jira-mcp@2.3.1 --role-arn arn:aws:iam::111122223333:role/runner"), "\(plain)")
        #expect(TrustEdgeText.references(in: "Bearer ${LINEAR_KEY}") == "${LINEAR_KEY}")
        #expect(TrustEdgeText.references(in: "${{ secrets.ROLE }}") == "${{ secrets.ROLE }}")
        #expect(TrustEdgeText.references(in: "lin_api_abc") == nil)
        // A reference keeps its words only when it is the whole value: a secret written
        // out beside one is still a secret.
        let beside = TrustEdgeText.commandLine("mcp-proxy", arguments: ["--url=$ENDPOINT?token=s3cr3tvalue", "{env:X}ghp_abcdefghijklmnopqrstuvwxyz0123456789",
                                                                        "--header", "Bearer $LINEAR_KEY", "${input:jira-token}"])
        #expect(!beside.contains("s3cr3tvalue") && !beside.contains("ghp_abc"), "\(beside)")
        #expect(beside.contains("Bearer $LINEAR_KEY ${input:jira-token}"), "\(beside)")
        #expect(TrustEdgeText.isReference("Bearer ${LINEAR_KEY}") && TrustEdgeText.isReference("{env:TOKEN}"))
        #expect(!TrustEdgeText.isReference("$ENDPOINT?token=s3cr3tvalue") && !TrustEdgeText.isReference("Bearer $X ghp_abcdefghijklmnopqrstuvwxyz0123456789"))
    }
}
