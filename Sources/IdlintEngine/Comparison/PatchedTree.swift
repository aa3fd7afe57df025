import Foundation

/// Applies a unified diff that an agent produced to the base, in a scratch folder of
/// idlint's own that is removed afterwards: the user's tree is never touched. Uses the
/// real `git apply`, limited to the files idlint reads.
public enum PatchedTree {
    public static func apply(patch patchPath: String, to base: [InputFile], options: DiscoveryOptions) throws -> [InputFile] {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("idlint-patch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        for file in base {
            let components = file.displayPath.split(separator: "/")
            guard !file.displayPath.hasPrefix("/"), !components.contains(".."), !components.isEmpty else {
                throw GitRevision.Failure(message: "refusing to write \(file.displayPath) outside the scratch folder")
            }
            let bytes = try file.read(maxBytes: options.maxFileBytes)
            let target = scratch.appendingPathComponent(file.displayPath)
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(bytes).write(to: target)
        }
        let patch = URL(fileURLWithPath: patchPath).standardizedFileURL.path
        // Its own repository, so that git never looks at an enclosing one.
        try Git.run(["init", "-q"], in: scratch.path, revision: "patch")
        let includes = options.extensions.sorted().map { "--include=*.\($0)" } + options.extraNames.sorted().map { "--include=*\($0)" }
        try Git.run(["apply", "--whitespace=nowarn"] + includes + [patch], in: scratch.path, revision: "patch")
        var scratchOptions = options
        scratchOptions.honourGitignore = false
        let discovered = FileDiscovery(options: scratchOptions).discover([scratch.path])
        return try discovered.files.map { file in
            guard case .path(let path) = file.source else { return file }
            let bytes = try FileReader.read(path: path, maxBytes: options.maxFileBytes)
            let name = relativePath(path, to: scratch.path) ?? file.displayPath
            return InputFile(displayPath: name, source: .content(bytes))
        }
    }
}
