import FoundationEssentials
import IdlintCommandLine
import IdlintEngine

/// `--timings`: where one run's time went, printed as one line on standard error so that
/// reports stay untouched: `timings: command line 0.006 s, rules 0.003 s, ..., total 0.9 s,
/// peak memory 88.0 MB`.
/// Start-up is the first two, from `main` to rules and catalogs being ready: the command
/// line read, then what was left of reading the rules on the other cores. The benchmark
/// reads this line, and users can read it to see what a slow CI step spends its time on.
struct StageTimings {
    /// When `main` began (it reads this first, which sets it): the origin of start-up and of the total.
    static let processStarted = Date()

    private var stages: [(String, Double)] = []
    private var lastMark = StageTimings.processStarted

    /// Records the time since the previous mark as `stage`.
    mutating func mark(_ stage: String) {
        let now = Date()
        stages.append((stage, now.timeIntervalSince(lastMark)))
        lastMark = now
    }

    /// Records the scan's own stages (which it timed itself) and moves the mark past them.
    mutating func add(_ statistics: ScanStatistics) {
        stages += statistics.phaseSeconds.map { ($0.phase, $0.seconds) }
        lastMark = Date()
    }

    var line: String {
        let parts = stages.map { "\($0.0) \($0.1.written(places: 4)) s" }
            + ["total \(Date().timeIntervalSince(Self.processStarted).written(places: 4)) s", "peak memory \(PeakMemory.residentMegabytes.written(places: 1)) MB"]
        return "timings: " + parts.joined(separator: ", ")
    }

    func print(if enabled: Bool) {
        guard enabled else { return }
        FileSystem.writeStandardError(line + "\n")
    }
}
