import Foundation
import PackagePlugin

/// Turns every YAML file under `rulesets/` into Swift source, so the built-in rules
/// and catalogs ship inside the binary and `idlint scan` works from any folder.
@main
struct EmbedRulesets: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let rulesets = context.package.directoryURL.appending(path: "rulesets")
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedRulesets.swift")
        let inputs = yamlFiles(under: rulesets)
        return [
            .buildCommand(
                displayName: "Embedding \(inputs.count) ruleset files",
                executable: try context.tool(named: "embed-rulesets").url,
                arguments: [rulesets.path(), output.path()],
                inputFiles: inputs,
                outputFiles: [output]
            ),
        ]
    }

    private func yamlFiles(under root: URL) -> [URL] {
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else { return [] }
        return walker.compactMap { $0 as? URL }
            .filter { $0.pathExtension == "yaml" }
            .sorted { $0.path < $1.path }
    }
}
