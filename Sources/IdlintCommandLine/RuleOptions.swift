import ArgumentParser
import FoundationEssentials
import IdlintEngine

/// Options shared by the commands that load rules and configuration.
package struct RuleOptions: ParsableArguments {
    package init() {}

    @Option(name: .customLong("rules"), help: ArgumentHelp("Add the rules in this folder (repeatable).", valueName: "DIR"))
    package var ruleDirectories: [String] = []

    @Option(help: ArgumentHelp("Configuration file. Default: .idlint.yaml in the current folder, when present.", valueName: "FILE"))
    package var config: String?

    @Option(help: ArgumentHelp("Judge dates (certificate expiry, metadata validUntil, suppression expiry) as of this moment, YYYY-MM-DD or ISO 8601, instead of the clock: for reproducible audits.", valueName: "DATE"))
    package var now: String?

    /// The configuration file's text: `--config`, or `.idlint.yaml` in the current folder.
    package func localConfiguration() throws -> (text: String, path: String)? {
        let path = config ?? ".idlint.yaml"
        guard config != nil || FileSystem.isReadableFile(path) else { return nil }
        do {
            return (String(decoding: try FileReader.read(path: path, maxBytes: 1 << 20), as: UTF8.self), path)
        } catch let error as FileReader.ReadError {
            throw ValidationFailure(message: "\(path): \(error.message)")
        }
    }

    /// Loads configuration and the rule library, or fails with exit code 2.
    package func load() throws -> (ScanConfiguration, RuleLibrary) {
        try load(configuration: try localConfiguration())
    }

    /// The configuration of a folder served to agents: `--config` when given, else the
    /// folder's own `.idlint.yaml`, as a user running idlint there would have it. `place`
    /// turns the root-relative name into the file to read, refusing one that leads out of
    /// the root (a symbolic link to a credentials file).
    package func configuration(ofRoot root: String, place: (String) throws -> String) throws -> (text: String, path: String)? {
        if config != nil { return try localConfiguration() }
        guard FileSystem.exists(root + "/.idlint.yaml") else { return nil }
        let path: String
        do {
            path = try place(".idlint.yaml")
        } catch {
            throw ValidationFailure(message: "\(root)/.idlint.yaml: \(error)")
        }
        do {
            return (String(decoding: try FileReader.read(path: path, maxBytes: 1 << 20), as: UTF8.self), path)
        } catch let error as FileReader.ReadError {
            throw ValidationFailure(message: "\(path): \(error.message)")
        }
    }

    /// Loads the given configuration text (the change gate passes the base revision's).
    /// `placing` turns the rule folders the configuration names (`rules:`) into paths to
    /// read, refusing those it must not read; without it they are relative to the current
    /// folder. The configuration keeps the names as written: the change gate knows its
    /// own files by them.
    package func load(configuration source: (text: String, path: String)?, placing: ((String) throws -> String)? = nil) throws -> (ScanConfiguration, RuleLibrary) {
        do {
            var configuration = ScanConfiguration()
            if let source {
                configuration = try ScanConfiguration.load(text: source.text, path: source.path)
            }
            var written: [String]?
            if let placing {
                do {
                    written = configuration.ruleDirectories
                    configuration.ruleDirectories = try configuration.ruleDirectories.map(placing)
                } catch {
                    throw ValidationFailure(message: "\(source?.path ?? ".idlint.yaml"): \(error)")
                }
            }
            configuration.ruleDirectories += ruleDirectories
            if let now {
                guard let moment = Self.moment(now) else {
                    throw ValidationFailure(message: "--now \(now) is not a YYYY-MM-DD date or an ISO 8601 moment")
                }
                configuration.setClock(moment)
            }
            var library = try RuleLibrary.builtIn()
            try configuration.apply(to: &library)
            if let written { configuration.ruleDirectories = written + ruleDirectories }
            return (configuration, library)
        } catch let error as DataFileError {
            throw ValidationFailure(message: error.description)
        } catch let error as FileReader.ReadError {
            throw ValidationFailure(message: "\(config ?? ".idlint.yaml"): \(error.message)")
        }
    }
}

extension RuleOptions {
    package static func moment(_ text: String) -> Date? {
        UTCMoment.moment(text, dateOnly: true)
    }
}
