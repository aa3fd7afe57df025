import Foundation
import IdlintEngine

/// idlint end to end, as users run it (`idlint scan DIR --format F --output FILE` in its
/// own process), against the bare libyaml event parse of the same files: the ratio says
/// how far above the floor the whole tool is, per output format, and how much of each
/// run is start-up and report writing (from the scan's own `--timings`).
struct FloorComparison {
    var idlint: String
    var corpus: URL
    var fileCount: Int
    var fileBytes: Int
    var jobs: Int

    func run() throws {
        try compare(risky: false)
        try compare(risky: true)
        try measureStartUp()
    }

    private func compare(risky: Bool) throws {
        let folder = corpus.appendingPathComponent(risky ? "rbac-floor-risky" : "rbac-floor")
        var generator = CorpusGenerator(fileCount: fileCount, targetFileBytes: fileBytes, bigFileBytes: 0)
        generator.risky = risky
        let (files, bytes) = try generator.write(to: folder)
        let paths = FileDiscovery(options: DiscoveryOptions()).discover([folder.path]).files.compactMap { file -> String? in
            if case .path(let path) = file.source { return path }
            return nil
        }
        let errorFile = corpus.appendingPathComponent("child-stderr.txt").path
        let output = corpus.appendingPathComponent("report.out").path
        let formats = ["text", "json", "sarif"]
        // Three rounds, each the floor and every format once, the best of each kept: on a
        // shared machine that slows down for a while, both sides of the ratio slow, where
        // the floor measured first and the scans after it could be apart by half.
        var floorSeconds = Double.infinity
        var floor = LibYAMLFloor()
        var best: [String: (run: ChildRun, outputBytes: Int)] = [:]
        var failed: [String: ChildRun] = [:]
        var findingSummary: Int?
        for _ in 0..<3 {
            let started = Date()
            floor = try LibYAMLFloor.parse(paths: paths)
            floorSeconds = min(floorSeconds, Date().timeIntervalSince(started))
            for format in formats {
                // Each run writes a new report, as in a fresh CI workspace: replacing the
                // last run's (39 MB of SARIF) adds the file system freeing its pages, about
                // 9 ms here, to what the scan times as report writing.
                try? FileManager.default.removeItem(atPath: output)
                let run = try ChildRun.run(idlint, ["scan", folder.path, "--format", format, "--output", output, "--jobs", "\(jobs)", "--timings"],
                                           errorFile: errorFile)
                guard run.status <= 1 else {
                    failed[format] = run
                    continue
                }
                let outputBytes = (try? FileManager.default.attributesOfItem(atPath: output)[.size] as? Int) ?? 0
                if format == "json", findingSummary == nil { findingSummary = findingCount(jsonReport: output) }
                if best[format].map({ run.seconds < $0.run.seconds }) ?? true { best[format] = (run, outputBytes) }
            }
        }
        print("")
        print(String(format: "Against the floor: %d RBAC files, %.1f MB, %@, %d jobs", files, Double(bytes) / 1_000_000,
                     (risky ? "every role risky" : "some roles risky") as NSString, jobs))
        print(String(format: "  %-28@ %7.3f s  %d events", "bare libyaml event parse" as NSString, floorSeconds, floor.events))
        for format in formats {
            guard let (run, outputBytes) = best[format] else {
                print("  idlint scan --format \(format): exit \(failed[format]?.status ?? -1): \(failed[format]?.errorText.prefix(300) ?? "")")
                continue
            }
            let stages = Timings(run.errorText)
            let report = stages["report"] ?? .nan
            if format == "json", let findingSummary { print("  \(findingSummary) findings") }
            print(String(format: "  %-28@ %7.3f s  %5.1fx the floor  report writing %4.1f%% (%.3f s, %.1f MB)  peak RSS %6.1f MB",
                         "idlint scan --format \(format)" as NSString, run.seconds, run.seconds / floorSeconds,
                         100 * report / run.seconds, report, Double(outputBytes) / 1_000_000, stages.peakMegabytes ?? run.peakResidentMegabytes))
        }
        try? FileManager.default.removeItem(atPath: output)
        try RuleScaling.report(folder: folder.path, jobs: jobs)
    }

    /// The summary's finding count of a JSON report, read from its head (the summary comes
    /// before the findings). Only the head: a child's peak memory as `wait4` reports it
    /// starts from this process's own, so the benchmark must never load a whole report.
    private func findingCount(jsonReport path: String) -> Int? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        let head = String(decoding: handle.readData(ofLength: 4096), as: UTF8.self)
        guard let summary = head.range(of: "\"summary\""), let key = head.range(of: "\"findings\": ", range: summary.upperBound..<head.endIndex) else {
            return nil
        }
        return Int(head[key.upperBound...].prefix { $0.isNumber })
    }

    /// Start-up: one small file, so that the run is dominated by what comes before it.
    private func measureStartUp() throws {
        let errorFile = corpus.appendingPathComponent("child-stderr.txt").path
        let output = corpus.appendingPathComponent("report.out").path
        let small = corpus.appendingPathComponent("one-small-file")
        try FileManager.default.createDirectory(at: small, withIntermediateDirectories: true)
        try Data("apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: builder\n  namespace: ci\n".utf8)
            .write(to: small.appendingPathComponent("service-account.yaml"))
        // Best and median of each measure on its own: the fastest run end to end is not
        // always the one whose start-up was fastest, and one run says little either way.
        let runs = try (0..<25).map { _ in try ChildRun.run(idlint, ["scan", small.path, "--format", "sarif", "--output", output, "--timings"], errorFile: errorFile) }
        let ends = runs.map(\.seconds).sorted()
        let timings = runs.map { Timings($0.errorText) }
        let startUps = timings.map { ($0["command line"] ?? .nan) + ($0["rules"] ?? .nan) }.sorted()
        let commandLines = timings.map { $0["command line"] ?? .nan }.sorted()
        print(String(format: "  %-28@ %7.3f s (median %.3f s)  of which start-up (rules and catalogs ready) %.1f ms (median %.1f ms), of 25 runs",
                     "one small file, end to end" as NSString, ends[0], ends[ends.count / 2], 1000 * startUps[0], 1000 * startUps[startUps.count / 2]))
        // Which path sets start-up: with the rules ready first, it is the command line.
        print(String(format: "  %-28@ command line read at %.1f ms (median %.1f ms); rules ready at the start-up above",
                     "" as NSString, 1000 * commandLines[0], 1000 * commandLines[commandLines.count / 2]))
        // What comes before `main` (loading idlint's libraries, the runtime's set-up) is
        // not in `--timings`: a run that only prints the version is that, plus exit.
        let versions = try (0..<25).map { _ in try ChildRun.run(idlint, ["--version"], errorFile: errorFile).seconds }.sorted()
        print(String(format: "  %-28@ %.1f ms (median %.1f ms): loading, the command line and exit; no rule waited for",
                     "idlint --version, end to end" as NSString, 1000 * versions[0], 1000 * versions[versions.count / 2]))
        try? FileManager.default.removeItem(atPath: output)
    }
}

/// The stages a `--timings` line names, and its peak memory:
/// `timings: command line 0.006 s, rules 0.003 s, ..., peak memory 88.0 MB`.
struct Timings {
    private var seconds: [String: Double] = [:]
    /// The run's own peak resident memory, as it measured it.
    private(set) var peakMegabytes: Double?

    init(_ text: String) {
        guard let line = text.split(separator: "\n").last(where: { $0.hasPrefix("timings: ") }) else { return }
        for stage in line.dropFirst("timings: ".count).split(separator: ",") {
            let words = stage.split(separator: " ")
            guard words.count >= 3, let value = Double(words[words.count - 2]) else { continue }
            if words.last == "MB", words.dropLast(2) == ["peak", "memory"] { peakMegabytes = value }
            if words.last == "s" { seconds[words.dropLast(2).joined(separator: " ")] = value }
        }
    }

    subscript(stage: String) -> Double? { seconds[stage] }
}
