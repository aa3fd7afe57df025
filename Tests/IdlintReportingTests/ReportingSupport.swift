import Foundation
@testable import IdlintEngine
@testable import IdlintReporting

let packageRoot: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

let library: RuleLibrary = {
    do { return try RuleLibrary.builtIn() } catch { fatalError("built-in rules do not load: \(error)") }
}()

/// A scan with findings of several kinds, an unreadable file, and planted secrets.
let plantedSecrets = ["s3cr3t-db-password-41b7", "ghp_PlantedTokenValue0123456789abcdef"]

func sampleResult() -> ScanResult {
    let files: [(String, String)] = [
        ("rbac/binding.yaml", """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata: {name: agent-admin}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
        subjects:
          - {kind: ServiceAccount, name: coding-agent, namespace: ci}
        """),
        ("rbac/secret.yaml", """
        apiVersion: v1
        kind: Secret
        metadata: {name: db, namespace: app}
        stringData:
          password: \(plantedSecrets[0])
          token: \(plantedSecrets[1])
        """),
        ("rbac/broken file.json", "{\"kind\": \"Role\",, }"),
        ("rbac/accepted.yaml", """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: {name: ca-reader, namespace: app}
        rules:
          - apiGroups: [""]
            resources: [secrets]
            # idlint:ignore K8S-SECRETS-READ-NAMESPACE reason="reads the CA bundle" owner=platform@example.com expires=2099-01-01
            verbs: [get]
        """),
    ]
    let inputs = files.map { InputFile(displayPath: $0.0, source: .content(Array($0.1.utf8))) }
    return IdentityScanner(library: library, configuration: ScanConfiguration()).scan(files: inputs)
}

func render(_ format: ReportFormat, _ result: ScanResult = sampleResult()) -> String {
    format.reporter(colour: false).render(ReportInput(result: result, library: library, sourceRoot: "/work/project"))
}

/// Runs a command and returns its exit status and combined output.
func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [executable] + arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}
