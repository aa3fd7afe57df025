import Foundation
import Testing
@testable import IdlintEngine

@Suite("Discovery")
struct DiscoveryTests {
    @Test("finds candidate files in sorted order, honouring .gitignore and excludes")
    func ordersAndIgnores() throws {
        let root = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        for path in ["b.yaml", "a.json", "notes.txt", "sub/z.yml", "sub/a.xml", "build/out.yaml", "sub/keep.yaml", "vendor/x.yaml", ".git/config.yaml"] {
            try write("x: 1\n", to: root.appendingPathComponent(path))
        }
        try write("build/\n*.xml\n", to: root.appendingPathComponent(".gitignore"))
        var options = DiscoveryOptions()
        options.exclude = IgnoreRules(patterns: ["vendor/"])
        let found = FileDiscovery(options: options).discover([root.path])
        let names = found.files.map { String($0.displayPath.dropFirst(root.path.count + 1)) }
        #expect(names == ["a.json", "b.yaml", "sub/keep.yaml", "sub/z.yml"])
        #expect(found.diagnostics.isEmpty)
        // What was left out is said: ignored folders (not entered) and candidate files,
        // never a file no scan would read (notes.txt) nor git's own folder.
        let excluded = found.excluded.map { String($0.dropFirst(root.path.count + 1)) }
        #expect(excluded.sorted() == ["build/", "sub/a.xml", "vendor/"], "\(excluded)")
    }

    @Test("coding agents' hidden folders are walked, git's is not")
    func agentFolders() throws {
        let root = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        for path in [".claude/settings.json", ".claude/settings.local.json", ".codex/mcp.json", ".git/config.json", "src/.claude/settings.json"] {
            try write("{}\n", to: root.appendingPathComponent(path))
        }
        let found = FileDiscovery(options: DiscoveryOptions()).discover([root.path])
        let names = found.files.map { String($0.displayPath.dropFirst(root.path.count + 1)) }
        #expect(names == [".claude/settings.json", ".claude/settings.local.json", ".codex/mcp.json", "src/.claude/settings.json"])
    }

    @Test("an oversized file is an error, never a silent skip; the rest is still found")
    func oversized() throws {
        let root = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        try write(String(repeating: "a", count: 5000), to: root.appendingPathComponent("big.yaml"))
        try write("x: 1\n", to: root.appendingPathComponent("small.yaml"))
        var options = DiscoveryOptions()
        options.maxFileBytes = 1000
        let found = FileDiscovery(options: options).discover([root.path])
        #expect(found.files.map(\.displayPath).map { $0.hasSuffix("small.yaml") } == [true])
        #expect(found.diagnostics.count == 1)
        #expect(found.diagnostics.first?.level == .error)
        #expect(found.diagnostics.first?.message.contains("limit") == true)
    }

    @Test("symbolic links never lead out of the scanned folder, and loops end")
    func symlinks() throws {
        let root = try temporaryFolder()
        let outside = try temporaryFolder()
        defer {
            try? FileManager.default.removeItem(at: root)
            try? FileManager.default.removeItem(at: outside)
        }
        try write("secret: outside\n", to: outside.appendingPathComponent("outside.yaml"))
        try write("x: 1\n", to: root.appendingPathComponent("real.yaml"))
        let manager = FileManager.default
        try manager.createSymbolicLink(atPath: root.appendingPathComponent("escape.yaml").path, withDestinationPath: outside.appendingPathComponent("outside.yaml").path)
        try manager.createSymbolicLink(atPath: root.appendingPathComponent("alias.yaml").path, withDestinationPath: root.appendingPathComponent("real.yaml").path)
        try manager.createSymbolicLink(atPath: root.appendingPathComponent("loop-a.yaml").path, withDestinationPath: root.appendingPathComponent("loop-b.yaml").path)
        try manager.createSymbolicLink(atPath: root.appendingPathComponent("loop-b.yaml").path, withDestinationPath: root.appendingPathComponent("loop-a.yaml").path)
        try manager.createSymbolicLink(atPath: root.appendingPathComponent("dir").path, withDestinationPath: outside.path)

        let found = FileDiscovery(options: DiscoveryOptions()).discover([root.path])
        let names = found.files.map { URL(fileURLWithPath: $0.displayPath).lastPathComponent }
        #expect(names == ["alias.yaml"] || names == ["real.yaml"], "the same file is scanned once: \(names)")
        #expect(!names.contains("escape.yaml"))
        let notes = found.diagnostics.map(\.message)
        #expect(notes.contains { $0.contains("outside the scanned folder") })
        #expect(found.diagnostics.filter { $0.file.hasSuffix("loop-a.yaml") || $0.file.hasSuffix("loop-b.yaml") }.count == 2)
    }

    @Test("unreadable paths give an error and the other paths are still scanned")
    func missingPath() throws {
        let root = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        try write("x: 1\n", to: root.appendingPathComponent("ok.yaml"))
        let found = FileDiscovery(options: DiscoveryOptions()).discover([root.path + "/missing.yaml", root.path])
        #expect(found.files.count == 1)
        #expect(found.diagnostics.first?.level == .error)
    }

    @Test("gitignore-style patterns", arguments: [
        ("*.log", "a/b/c.log", false, true),
        ("/top.yaml", "top.yaml", false, true),
        ("/top.yaml", "sub/top.yaml", false, false),
        ("build/", "x/build", true, true),
        ("build/", "x/build", false, false),
        ("docs/**/*.md", "docs/a/b/c.md", false, true),
        ("docs/**/*.md", "docs/c.md", false, true),
        ("a?c", "abc", false, true),
        ("[ab]x", "cx", false, false),
    ])
    func ignorePatterns(pattern: String, path: String, isDirectory: Bool, ignored: Bool) {
        #expect(IgnoreRules(patterns: [pattern]).isIgnored(path, isDirectory: isDirectory) == ignored)
    }

    @Test("negation re-includes a path")
    func negation() {
        let rules = IgnoreRules(patterns: ["*.yaml", "!keep.yaml"])
        #expect(rules.isIgnored("drop.yaml", isDirectory: false))
        #expect(!rules.isIgnored("keep.yaml", isDirectory: false))
    }

    @Test("a hostile glob costs linear steps, not backtracking")
    func hostileGlob() {
        let pattern = GlobPattern(String(repeating: "*a", count: 200) + "b")
        let clock = ContinuousClock()
        let elapsed = clock.measure { #expect(!pattern.matches(String(repeating: "a", count: 2000))) }
        #expect(elapsed < .seconds(5))
    }
}

@Suite("Hostile inputs at discovery")
struct HostileDiscoveryTests {
    @Test("a 1 GB file is refused by its size without being read, and a FIFO is refused without blocking the scan")
    func hugeAndSpecialFiles() throws {
        let root = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let huge = root.appendingPathComponent("huge.yaml")
        #expect(FileManager.default.createFile(atPath: huge.path, contents: nil))
        let handle = try FileHandle(forWritingTo: huge)
        try handle.truncate(atOffset: 1 << 30) // sparse: takes no disk space
        try handle.close()
        #expect(mkfifo(root.appendingPathComponent("pipe.yaml").path, 0o600) == 0)
        try write(ScannerTests.role, to: root.appendingPathComponent("role.yaml"))

        let clock = ContinuousClock()
        var result: ScanResult?
        let elapsed = clock.measure { result = makeScanner().scan(paths: [root.path]) }
        let scanned = try #require(result)
        #expect(elapsed < .seconds(10))
        #expect(scanned.findings(of: "K8S-SECRETS-READ").count == 1)
        #expect(scanned.diagnostics.contains { $0.file.hasSuffix("huge.yaml") && $0.level == .error && $0.message.contains("limit") })
        #expect(scanned.diagnostics.contains { $0.file.hasSuffix("pipe.yaml") && $0.level == .error && $0.message.contains("not a regular file") })
        #expect(scanned.fails(at: .critical), "unread inputs fail the scan")
        #expect(scanned.statistics.filesScanned == 1)
    }
}

@Suite("Reading files")
struct FileReaderTests {
    @Test("a file is read whole and exactly, empty, small or larger than a read")
    func regularFiles() throws {
        let root = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        for size in [0, 1, 4095, 200_000] {
            let bytes = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
            let path = root.appendingPathComponent("file-\(size)").path
            #expect(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
            #expect(try FileReader.read(path: path, maxBytes: 1 << 20) == bytes, "\(size) bytes")
        }
    }

    @Test("a stream longer than its first block is read whole; one over the limit is refused")
    func streams() throws {
        let bytes = (0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 13) }
        for (limit, refused) in [(1 << 20, false), (100_000, true)] {
            var ends: [Int32] = [0, 0]
            #expect(pipe(&ends) == 0)
            let writer = Thread { [ends] in
                bytes.withUnsafeBytes { buffer in
                    var offset = 0
                    while offset < buffer.count {
                        let written = write(ends[1], buffer.baseAddress! + offset, buffer.count - offset)
                        if written <= 0 { break }
                        offset += written
                    }
                }
                close(ends[1])
            }
            writer.start()
            if refused {
                #expect(throws: FileReader.ReadError.self) { try FileReader.readAll(ends[0], maxBytes: limit) }
                // The rest is drained, so that the writer finishes rather than meet a closed pipe.
                _ = try? FileReader.readAll(ends[0], maxBytes: .max / 4)
            } else {
                #expect(try FileReader.readAll(ends[0], maxBytes: limit) == bytes)
            }
            close(ends[0])
        }
    }
}
