import Foundation
import Testing
@testable import IdlintEngine

/// What idlint wrote itself when it stopped linking full Foundation: each must read and
/// write what Foundation's own did on the inputs idlint meets.
@Suite("Stand-ins for full Foundation")
struct FoundationEssentialsStandInsTests {
    @Test("ISO 8601 moments are read with and without fractions and zones, and refused when the calendar has no such day")
    func readsMoments() throws {
        let noon = try #require(UTCMoment.moment("2024-02-29T12:00:00Z"))
        #expect(noon.timeIntervalSince1970 == 1_709_208_000)
        #expect(UTCMoment.moment("2024-02-29T12:00:00.250Z")?.timeIntervalSince1970 == 1_709_208_000.25)
        #expect(UTCMoment.moment("2024-02-29T14:30:00+02:30") == noon)
        #expect(UTCMoment.moment("2024-02-29T07:00:00-0500") == noon)
        // xs:dateTime without a zone is UTC.
        #expect(UTCMoment.moment("2024-02-29T12:00:00") == noon)
        #expect(UTCMoment.moment("1969-12-31T23:59:59Z")?.timeIntervalSince1970 == -1)
        for refused in ["2023-02-29T00:00:00Z", "2024-13-01T00:00:00Z", "2024-04-31T00:00:00Z", "2024-01-01T24:00:00Z",
                        "2024-01-01T00:00:00Zjunk", "2024-01-01 00:00:00Z", "24-01-01T00:00:00Z", "2024-01-01T00:00Z", "", "soon"] {
            #expect(UTCMoment.moment(refused) == nil, "\(refused)")
        }
        // A bare date is a moment only where the caller says so (`--now`).
        #expect(UTCMoment.moment("2024-03-01") == nil)
        #expect(UTCMoment.moment("2024-03-01", dateOnly: true)?.timeIntervalSince1970 == 1_709_251_200)
    }

    @Test("moments are written as UTC days and timestamps that read back the same, across the epoch and leap days")
    func writesMoments() throws {
        #expect(UTCMoment.timestamp(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00Z")
        #expect(UTCMoment.timestamp(Date(timeIntervalSince1970: -0.5)) == "1969-12-31T23:59:59Z")
        #expect(UTCMoment.timestamp(Date(timeIntervalSince1970: 951_868_799)) == "2000-02-29T23:59:59Z")
        #expect(UTCMoment.day(Date(timeIntervalSince1970: 4_107_542_400)) == "2100-03-01")
        for seconds in stride(from: -3_000_000_000.0, through: 5_000_000_000, by: 86_399 * 97.5) {
            let date = Date(timeIntervalSince1970: seconds.rounded(.down))
            #expect(UTCMoment.moment(UTCMoment.timestamp(date)) == date)
        }
        #expect(UTCMoment.day(Date(timeIntervalSince1970: .infinity)) == "0000-00-00")
    }

    @Test("blank trimming keeps line breaks and whitespace trimming takes them, Unicode separators included")
    func trims() {
        #expect(" \t\u{00A0}a b\u{3000} ".trimmingBlanks() == "a b")
        #expect("\n a \n".trimmingBlanks() == "\n a \n")
        #expect("\r\n\u{2028} a b \u{85}\u{0B}\u{0C}\u{2029}".trimmingWhitespace() == "a b")
        #expect(" \n\t ".trimmingWhitespace() == "")
        #expect("é\n".trimmingWhitespace() == "é")
    }

    @Test("decimals are written as printf's %.Nf writes them")
    func writesDecimals() {
        #expect(1.23456.written(places: 4) == "1.2346")
        #expect(0.5.written(places: 0) == "0")
        #expect(0.04.written(places: 1) == "0.0")
        #expect(12.0.written(places: 2) == "12.00")
        #expect(0.005.written(places: 4) == "0.0050")
        #expect((-2.5).written(places: 1) == "-2.5")
        #expect(271.08.written(places: 1) == "271.1")
    }

    @Test("a chart is the folder before the last templates folder, not the first")
    func chartOfNestedTemplates() {
        #expect(HelmCharts.chart(ofTemplate: "charts/a/templates/templates/role.yaml") == "charts/a/templates/")
        #expect(HelmCharts.chart(ofTemplate: "charts/a/templates/role.yaml") == "charts/a/")
        #expect(HelmCharts.chart(ofTemplate: "templates/role.yaml") == "")
        #expect(HelmCharts.chart(ofTemplate: "charts/a/role.yaml") == nil)
    }
}

/// The child-process runner that reads git's objects: both pipes drained while the input
/// is written, the exit status kept, and a child that leaves its input unread an error of
/// the child's, never a SIGPIPE that ends idlint.
@Suite("Spawned commands")
struct SpawnedCommandTests {
    @Test("a megabyte goes through cat and comes back whole while errors are read beside it")
    func roundTripsLargeInput() throws {
        let input = (0..<(1 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let outcome = try SpawnedCommand.run("/bin/sh", arguments: ["-c", "cat; echo done >&2"], environment: ["PATH": "/usr/bin:/bin"], input: input)
        #expect(outcome.status == 0)
        #expect(outcome.output == input)
        #expect(String(decoding: outcome.errors, as: UTF8.self) == "done\n")
    }

    @Test("a failing program's status and errors come back, and its unread input does not end us")
    func keepsFailure() throws {
        let outcome = try SpawnedCommand.run("/bin/sh", arguments: ["-c", "echo no >&2; exit 3"], environment: [:],
                                             input: [UInt8](repeating: 65, count: 4 << 20))
        #expect(outcome.status != 0)
        #expect(outcome.status >> 8 & 0xFF == 3)
        #expect(String(decoding: outcome.errors, as: UTF8.self) == "no\n")
    }

    @Test("the child sees only the environment given, and standard input at /dev/null when none is given")
    func environmentAndNullInput() throws {
        let outcome = try SpawnedCommand.run("/bin/sh", arguments: ["-c", "env | sort; cat"], environment: ["ONLY": "this"], input: nil)
        let lines = String(decoding: outcome.output, as: UTF8.self).split(separator: "\n")
        #expect(lines.contains("ONLY=this"))
        #expect(!lines.contains { $0.hasPrefix("HOME=") })
        #expect(outcome.status == 0)
    }

    @Test("a program that cannot be started is an error that says why")
    func missingProgram() {
        #expect(throws: SpawnedCommand.Failure.self) {
            try SpawnedCommand.run("/nonexistent/program", arguments: [], environment: [:], input: nil)
        }
    }
}
