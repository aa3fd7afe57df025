import Foundation
import IdlintEngine
import IdlintSyntax
#if canImport(Glibc)
import Glibc
#endif

// idlint's benchmark. `idlint-bench` generates a corpus (5,000 RBAC files of about
// 20 KB plus one 20 MB multi-document file, unless told otherwise), then scans it
// end to end (discovery, parsing, rules, whole-model analysis) in child processes, so
// that each measurement has its own peak memory: single-threaded, on all cores, and on
// a fifth of the files, to show whether memory grows with the number of files.
//
// Last, `idlint scan` itself (the binary beside this one) runs over 2,000 RBAC files in
// text, JSON and SARIF and is compared with a bare libyaml event parse of them.
//
//   idlint-bench [--files N] [--file-kb N] [--big-mb N] [--iam-files N] [--realm-clients N] [--saml-entities N] [--tf-files N]
//                [--floor-files N] [--corpus DIR] [--keep]
//   idlint-bench floor [--floor-files N] [--corpus DIR] [--keep]   (only the comparison with libyaml)
//   idlint-bench measure-rules DIR QUARTERS JOBS  (child: scans DIR with QUARTERS/4 of the rules)
//   idlint-bench measure DIR JOBS     (child: scans DIR with JOBS workers, prints one line)
//   idlint-bench parse-only DIR       (child: only reads and parses, the floor under a scan)

func measure(folder: String, jobs: Int) throws {
    // As idlint itself starts.
    MallocSettings.keepLargeBlocksMapped()
    var configuration = ScanConfiguration()
    configuration.jobs = jobs
    // Terraform HCL is opt-in for users; the benchmark measures it too.
    configuration.discovery.extensions.insert("tf")
    let library = try RuleLibrary.builtIn()
    let started = Date()
    let result = IdentityScanner(library: library, configuration: configuration).scan(paths: [folder])
    let seconds = Date().timeIntervalSince(started)
    let megabytes = Double(result.statistics.bytesScanned) / 1_000_000
    print(String(format: "%d %.0f %.3f %d %d %.1f", result.statistics.filesScanned, megabytes * 1_000_000, seconds, result.findings.count,
                 result.diagnostics.filter { $0.level == .error }.count, PeakMemory.residentMegabytes))
    let phases = result.statistics.phaseSeconds.map { String(format: "%@ %.2f s", $0.phase, $0.seconds) }.joined(separator: ", ")
    print("    stages: \(phases)")
}

/// Runs this executable with `arguments` and returns what it printed.
func runChild(_ arguments: [String]) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL
    if !FileManager.default.isExecutableFile(atPath: process.executableURL!.path) {
        process.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
    }
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { throw NSError(domain: "idlint-bench", code: Int(process.terminationStatus)) }
    return String(decoding: data, as: UTF8.self)
}

/// Prints one measurement: the child's first line holds the figures, the rest is detail.
func report(_ label: String, _ output: String) {
    let lines = output.split(separator: "\n", omittingEmptySubsequences: true)
    let fields = lines.first.map { $0.split(separator: " ").map(String.init) } ?? []
    defer { lines.dropFirst().forEach { print($0) } }
    guard fields.count == 6, let files = Int(fields[0]), let bytes = Double(fields[1]), let seconds = Double(fields[2]) else {
        print("\(label): unexpected output \(fields)")
        return
    }
    let megabytes = bytes / 1_000_000
    let peak = Double(fields[5].trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
    // Peak memory as a multiple of the input, the measure it is held to (twice the
    // input on the whole corpus).
    print(String(format: "%-34@ %6d files %8.1f MB %7.2f s %7.1f MB/s %8.0f files/s  findings %7@  errors %@  peak RSS %7.1f MB (%.2fx the input)",
                 label as NSString, files, megabytes, seconds, megabytes / seconds, Double(files) / seconds,
                 fields[3] as NSString, fields[4] as NSString, peak, peak / megabytes))
}

/// `idlint scan` itself over `folder` to SARIF, its peak from its own `--timings`. The
/// rows measured in process run inside this benchmark, which links full Foundation for
/// its own work (about 5 MB more); the scanner links only FoundationEssentials.
func reportScanner(_ label: String, folder: String, inputBytes: Int, jobs: Int) throws {
    let output = corpus.appendingPathComponent("whole-corpus.sarif").path
    let run = try ChildRun.run(idlintExecutable, ["scan", folder, "--format", "sarif", "--output", output, "--jobs", "\(jobs)", "--timings"],
                               errorFile: corpus.appendingPathComponent("child-stderr.txt").path)
    try? FileManager.default.removeItem(atPath: output)
    guard run.status <= 1, let peak = Timings(run.errorText).peakMegabytes else {
        print("\(label): exit \(run.status): \(run.errorText.prefix(300))")
        return
    }
    let megabytes = Double(inputBytes) / 1_000_000
    // Blank where the rows above give the file count, so the columns line up.
    print(String(format: "%-34@ %12@ %8.1f MB %7.2f s %7.1f MB/s  peak RSS %7.1f MB (%.2fx the input)", label as NSString, "" as NSString, megabytes,
                 run.seconds, megabytes / run.seconds, peak, peak / megabytes))
}

/// Each stage's time on one thread over its time on all, from two `measure` outputs'
/// "stages:" lines (stages under 0.05 s on one thread are too short to compare).
func speedUps(from single: String, to parallel: String) -> String {
    func stages(_ output: String) -> [(String, Double)] {
        guard let line = output.split(separator: "\n").first(where: { $0.contains("stages: ") }) else { return [] }
        return line.components(separatedBy: "stages: ")[1].components(separatedBy: ", ").compactMap { stage in
            let words = stage.split(separator: " ")
            guard words.count >= 3, let seconds = Double(words[words.count - 2]) else { return nil }
            return (words.dropLast(2).joined(separator: " "), seconds)
        }
    }
    let parallelTimes = Dictionary(stages(parallel), uniquingKeysWith: { first, _ in first })
    return stages(single).compactMap { name, seconds in
        guard seconds >= 0.05, let other = parallelTimes[name], other > 0 else { return nil }
        return String(format: "%@ %.2fx", name, seconds / other)
    }.joined(separator: ", ")
}

/// The floor under the scan: read and parse every file into node trees, nothing else.
func measureParseOnly(folder: String) throws {
    let files = FileDiscovery(options: DiscoveryOptions()).discover([folder]).files
    let started = Date()
    var bytes = 0
    var documents = 0
    for file in files {
        guard case .path(let path) = file.source else { continue }
        let raw = try FileReader.read(path: path, maxBytes: 1 << 30)
        bytes += raw.count
        try raw.withUnsafeBufferPointer { buffer in
            try YAMLParser().parse(buffer, file: file.displayPath, limits: .standard) { _ in documents += 1 }
        }
    }
    let seconds = Date().timeIntervalSince(started)
    print(String(format: "parse only: %d files, %d documents, %.1f MB in %.2f s = %.1f MB/s", files.count, documents,
                 Double(bytes) / 1_000_000, seconds, Double(bytes) / 1_000_000 / seconds))
}

let arguments = Array(CommandLine.arguments.dropFirst())
if arguments.first == "measure", arguments.count == 3, let jobs = Int(arguments[2]) {
    try measure(folder: arguments[1], jobs: jobs)
    exit(0)
}
if arguments.first == "measure-rules", arguments.count == 4, let quarters = Int(arguments[2]), let jobs = Int(arguments[3]) {
    try RuleScaling.measure(folder: arguments[1], quarters: quarters, jobs: jobs)
    exit(0)
}
if arguments.first == "parse-only", arguments.count == 2 {
    try measureParseOnly(folder: arguments[1])
    exit(0)
}

func option(_ name: String, _ fallback: Int) -> Int {
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count, let value = Int(arguments[index + 1]) else { return fallback }
    return value
}
let fileCount = option("--files", 5000)
let fileKB = option("--file-kb", 20)
let bigMB = option("--big-mb", 20)
let keep = arguments.contains("--keep")
let corpus: URL
if let index = arguments.firstIndex(of: "--corpus"), index + 1 < arguments.count {
    corpus = URL(fileURLWithPath: arguments[index + 1])
} else {
    corpus = FileManager.default.temporaryDirectory.appendingPathComponent("idlint-bench-corpus")
}

let cores = ProcessInfo.processInfo.activeProcessorCount
print("idlint \(IdlintVersion.current) benchmark: \(cores) cores; corpus \(corpus.path)")
/// The idlint executable built beside this one.
let idlintExecutable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent("idlint").path
let floorComparison = FloorComparison(idlint: idlintExecutable, corpus: corpus, fileCount: option("--floor-files", 2000), fileBytes: 7_500, jobs: cores)
let generationStart = Date()
// Only a corpus this benchmark made is ever removed: it carries a marker file.
let marker = corpus.appendingPathComponent(".idlint-bench-corpus")
if FileManager.default.fileExists(atPath: corpus.path) {
    guard FileManager.default.fileExists(atPath: marker.path) else {
        print("\(corpus.path) exists and was not made by idlint-bench; choose another --corpus")
        exit(2)
    }
    try FileManager.default.removeItem(at: corpus)
}
try FileManager.default.createDirectory(at: corpus, withIntermediateDirectories: true)
_ = FileManager.default.createFile(atPath: marker.path, contents: nil)
if arguments.first == "floor" {
    try floorComparison.run()
    if !keep { try? FileManager.default.removeItem(at: corpus) }
    exit(0)
}
var generator = CorpusGenerator(fileCount: fileCount, targetFileBytes: fileKB * 1024, bigFileBytes: bigMB * 1_000_000)
let (files, bytes) = try generator.write(to: corpus.appendingPathComponent("all"))
// A fifth of the corpus, to compare peak memory against the whole.
var smallGenerator = CorpusGenerator(fileCount: max(1, fileCount / 5), targetFileBytes: fileKB * 1024, bigFileBytes: 1000)
_ = try smallGenerator.write(to: corpus.appendingPathComponent("fifth"))
var bigOnly = CorpusGenerator(fileCount: 0, targetFileBytes: 0, bigFileBytes: bigMB * 1_000_000)
_ = try bigOnly.write(to: corpus.appendingPathComponent("big"))
var iam = CorpusGenerator(fileCount: 0, targetFileBytes: 0, bigFileBytes: 0)
let iamBytes = try iam.writeIAMPolicies(count: option("--iam-files", 5000), to: corpus.appendingPathComponent("iam"))
let realmClients = option("--realm-clients", 20000)
let realmBytes = try iam.writeRealmExport(clientCount: realmClients, to: corpus.appendingPathComponent("realm"))
let samlEntities = option("--saml-entities", 5000)
let samlBytes = try SAMLAggregateGenerator.write(entityCount: samlEntities, to: corpus.appendingPathComponent("saml"))
// A fifth of the federation: peak memory should barely move with the aggregate's size.
_ = try SAMLAggregateGenerator.write(entityCount: max(1, samlEntities / 5), to: corpus.appendingPathComponent("saml-fifth"))
let terraformFiles = option("--tf-files", 2000)
let terraformBytes = try TerraformModuleGenerator.write(fileCount: terraformFiles, to: corpus.appendingPathComponent("terraform"))
print(String(format: "generated %d files, %.1f MB (and %.1f MB of IAM policies, a %.1f MB realm export, a %.1f MB SAML aggregate, a %.1f MB Terraform module) in %.1f s",
             files, Double(bytes) / 1_000_000, Double(iamBytes) / 1_000_000, Double(realmBytes) / 1_000_000, Double(samlBytes) / 1_000_000,
             Double(terraformBytes) / 1_000_000, Date().timeIntervalSince(generationStart)))

let all = corpus.appendingPathComponent("all").path
let oneThread = try runChild(["measure", all, "1"])
report("whole corpus, 1 thread", oneThread)
let allThreads = try runChild(["measure", all, "\(cores)"])
report("whole corpus, \(cores) threads", allThreads)
print("    \(cores)-thread speed-up per stage: " + speedUps(from: oneThread, to: allThreads))
try reportScanner("idlint scan to SARIF, 1 job", folder: all, inputBytes: bytes, jobs: 1)
try reportScanner("idlint scan to SARIF, \(cores) jobs", folder: all, inputBytes: bytes, jobs: cores)
report("fifth of the files, \(cores) threads", try runChild(["measure", corpus.appendingPathComponent("fifth").path, "\(cores)"]))
report("one \(bigMB) MB multi-document file, 1 thread", try runChild(["measure", corpus.appendingPathComponent("big").path, "1"]))
report("one \(bigMB) MB multi-document file, \(cores) threads", try runChild(["measure", corpus.appendingPathComponent("big").path, "\(cores)"]))
report("IAM policy JSON, \(cores) threads", try runChild(["measure", corpus.appendingPathComponent("iam").path, "\(cores)"]))
report("Keycloak realm export, \(realmClients) clients", try runChild(["measure", corpus.appendingPathComponent("realm").path, "1"]))
report("SAML aggregate, \(samlEntities) entities", try runChild(["measure", corpus.appendingPathComponent("saml").path, "1"]))
report("SAML aggregate, \(max(1, samlEntities / 5)) entities", try runChild(["measure", corpus.appendingPathComponent("saml-fifth").path, "1"]))
report("Terraform module, \(terraformFiles) .tf files, 1 thread", try runChild(["measure", corpus.appendingPathComponent("terraform").path, "1"]))
report("Terraform module, \(terraformFiles) .tf files, \(cores) threads", try runChild(["measure", corpus.appendingPathComponent("terraform").path, "\(cores)"]))
print(try runChild(["parse-only", all]), terminator: "")
try floorComparison.run()
if !keep { try? FileManager.default.removeItem(at: corpus) }
