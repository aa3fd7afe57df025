import Foundation

/// Writes a synthetic Kubernetes RBAC corpus: many multi-document files of roles,
/// bindings, service accounts and workloads, some of them risky, plus one large
/// multi-document file. Deterministic, so runs compare.
struct CorpusGenerator {
    var fileCount: Int
    var targetFileBytes: Int
    var bigFileBytes: Int
    /// Every role grants from the risky verbs and resources: a corpus dense in findings,
    /// where report writing weighs most.
    var risky = false
    private var state: UInt64 = 0x9E37_79B9_7F4A_7C15

    init(fileCount: Int, targetFileBytes: Int, bigFileBytes: Int) {
        self.fileCount = fileCount
        self.targetFileBytes = targetFileBytes
        self.bigFileBytes = bigFileBytes
    }

    private static let verbs = ["get", "list", "watch", "create", "update", "patch", "delete", "deletecollection"]
    private static let resources = ["pods", "services", "configmaps", "deployments", "statefulsets", "jobs", "events", "ingresses",
                                    "persistentvolumeclaims", "secrets", "pods/exec", "pods/log", "nodes", "namespaces", "endpoints"]
    private static let groups = ["\"\"", "apps", "batch", "networking.k8s.io", "policy", "autoscaling"]
    private static let riskyVerbs = ["\"*\"", "create", "update", "patch", "delete", "escalate", "bind", "impersonate", "get", "list"]
    private static let riskyResources = ["\"*\"", "secrets", "pods/exec", "pods", "roles", "rolebindings", "clusterrolebindings",
                                         "serviceaccounts/token", "nodes/proxy", "certificatesigningrequests/approval"]

    private mutating func next(_ bound: Int) -> Int {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Int((state >> 33) % UInt64(bound))
    }

    mutating func write(to folder: URL) throws -> (files: Int, bytes: Int) {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var total = 0
        for index in 0..<fileCount {
            let text = file(index: index, targetBytes: targetFileBytes)
            let subfolder = folder.appendingPathComponent("team-\(index % 50)")
            try FileManager.default.createDirectory(at: subfolder, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: subfolder.appendingPathComponent("rbac-\(index).yaml"))
            total += text.utf8.count
        }
        guard bigFileBytes > 0 else { return (fileCount, total) }
        let big = file(index: fileCount, targetBytes: bigFileBytes)
        try Data(big.utf8).write(to: folder.appendingPathComponent("big-multidoc.yaml"))
        return (fileCount + 1, total + big.utf8.count)
    }

    private static let awsActions = ["s3:GetObject", "s3:PutObject", "s3:ListBucket", "dynamodb:GetItem", "dynamodb:Query", "sqs:SendMessage",
                                     "logs:PutLogEvents", "iam:PassRole", "kms:Decrypt", "lambda:InvokeFunction", "ec2:DescribeInstances",
                                     "iam:CreateAccessKey", "sts:AssumeRole", "secretsmanager:GetSecretValue", "*"]

    /// IAM policy documents in JSON, some risky, for the IAM corpus.
    mutating func writeIAMPolicies(count: Int, to folder: URL) throws -> Int {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var total = 0
        for index in 0..<count {
            var statements: [String] = []
            for number in 0..<(8 + next(16)) {
                let actions = (0..<(1 + next(4))).map { _ in "\"\(Self.awsActions[next(Self.awsActions.count)])\"" }
                let resource = next(3) == 0 ? "\"*\"" : "\"arn:aws:s3:::bucket-\(index)-\(number)/*\""
                let condition = next(5) == 0 ? ",\n      \"Condition\": {\"StringEquals\": {\"aws:PrincipalOrgID\": \"o-abc123\"}}" : ""
                statements.append("""
                    {
                      "Sid": "S\(number)",
                      "Effect": "\(next(6) == 0 ? "Deny" : "Allow")",
                      "Action": [\(actions.joined(separator: ", "))],
                      "Resource": \(resource)\(condition)
                    }
                """)
            }
            let text = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n" + statements.joined(separator: ",\n") + "\n  ]\n}\n"
            try Data(text.utf8).write(to: folder.appendingPathComponent("policy-\(index).json"))
            total += text.utf8.count
        }
        return total
    }

    /// One Keycloak realm export with `clientCount` clients and a service-account user for
    /// every tenth, shaped like the admin console's export; returns its size in bytes.
    mutating func writeRealmExport(clientCount: Int, to folder: URL) throws -> Int {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var clients: [String] = []
        var users: [String] = []
        for index in 0..<clientCount {
            let isPublic = next(4) == 0
            let redirect = next(20) == 0 ? "https://*.app-\(index).example.com/*" : "https://app-\(index).example.com/callback"
            let serviceAccount = !isPublic && next(3) == 0
            clients.append("""
                {
                  "id": "c\(index)-4f1e",
                  "clientId": "app-\(index)",
                  "enabled": true,
                  "publicClient": \(isPublic),
                  "secret": "\(isPublic ? "" : "**********")",
                  "standardFlowEnabled": \(!serviceAccount || next(5) == 0),
                  "implicitFlowEnabled": \(next(30) == 0),
                  "directAccessGrantsEnabled": \(next(8) == 0),
                  "serviceAccountsEnabled": \(serviceAccount),
                  "fullScopeAllowed": \(next(2) == 0),
                  "redirectUris": ["\(redirect)", "https://app-\(index).example.com/silent-renew"],
                  "webOrigins": ["\(next(25) == 0 ? "*" : "+")"],
                  "protocol": "openid-connect",
                  "attributes": {"pkce.code.challenge.method": "\(next(3) == 0 ? "" : "S256")", "access.token.lifespan": "\(next(10) == 0 ? 3600 : 300)"},
                  "defaultClientScopes": ["web-origins", "profile", "roles", "email"],
                  "optionalClientScopes": ["address", "phone", "offline_access"]
                }
            """)
            if serviceAccount, index % 10 == 0 {
                users.append("""
                    {"username": "service-account-app-\(index)", "enabled": true, "serviceAccountClientId": "app-\(index)",
                     "clientRoles": {"realm-management": ["\(next(10) == 0 ? "manage-users" : "view-users")"]}}
                """)
            }
        }
        let text = """
        {
          "id": "bench", "realm": "bench", "enabled": true, "sslRequired": "external", "accessTokenLifespan": 300,
          "bruteForceProtected": true, "revokeRefreshToken": true, "passwordPolicy": "length(12) and notUsername(undefined)",
          "clients": [
        \(clients.joined(separator: ",\n"))
          ],
          "users": [
        \(users.joined(separator: ",\n"))
          ]
        }

        """
        try Data(text.utf8).write(to: folder.appendingPathComponent("realm-export.json"))
        return text.utf8.count
    }

    private mutating func file(index: Int, targetBytes: Int) -> String {
        var text = ""
        var document = 0
        while text.utf8.count < targetBytes {
            text += self.document(file: index, number: document)
            document += 1
        }
        return text
    }

    private mutating func document(file: Int, number: Int) -> String {
        let namespace = "team-\(file % 50)"
        let name = "app-\(file)-\(number)"
        switch number % 4 {
        case 0:
            var rules = ""
            for _ in 0..<(3 + next(6)) {
                let verbChoices = risky ? Self.riskyVerbs : Self.verbs
                let resourceChoices = risky ? Self.riskyResources : Self.resources
                let verbs = (0..<(1 + next(4))).map { _ in verbChoices[next(verbChoices.count)] }
                let resources = (0..<(1 + next(3))).map { _ in resourceChoices[next(resourceChoices.count)] }
                rules += """
                  - apiGroups: [\(risky ? "\"*\"" : Self.groups[next(Self.groups.count)])]
                    resources: [\(resources.joined(separator: ", "))]
                    verbs: [\(verbs.joined(separator: ", "))]

                """
            }
            return """
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: \(next(3) == 0 ? "ClusterRole" : "Role")
            metadata:
              name: \(name)
              namespace: \(namespace)
              labels:
                app.kubernetes.io/name: \(name)
                app.kubernetes.io/part-of: benchmark
            rules:
            \(rules)
            """
        case 1:
            return """
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: RoleBinding
            metadata:
              name: \(name)-binding
              namespace: \(namespace)
            roleRef:
              apiGroup: rbac.authorization.k8s.io
              kind: \(next(4) == 0 ? "ClusterRole" : "Role")
              name: app-\(file)-\(number - 1)
            subjects:
              - kind: ServiceAccount
                name: \(next(10) == 0 ? "release-agent" : "svc-\(file)")
                namespace: \(namespace)

            """
        case 2:
            return """
            ---
            apiVersion: v1
            kind: ServiceAccount
            metadata:
              name: svc-\(file)
              namespace: \(namespace)
              annotations:
                owner: platform-team@example.com
            automountServiceAccountToken: \(next(2) == 0 ? "false" : "true")

            """
        default:
            return """
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: \(name)
              namespace: \(namespace)
            spec:
              replicas: 2
              selector:
                matchLabels: {app: \(name)}
              template:
                metadata:
                  labels: {app: \(name)}
                spec:
                  serviceAccountName: svc-\(file)
                  containers:
                    - name: main
                      image: registry.example.com/\(name):1.\(number)
                      ports: [{containerPort: 8080}]

            """
        }
    }
}
