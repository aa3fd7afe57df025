import ArgumentParser

extension ParsableCommand {
    /// Parses the command line and runs it with idlint's exit codes: argument-parser
    /// reports usage errors as 64 (EX_USAGE); idlint documents 2 for every usage or
    /// configuration error.
    package static func runWithIdlintExitCodes() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            if exitCode(for: error) == .validationFailure {
                FileSystem.writeStandardError(fullMessage(for: error) + "\n")
                exit(withError: ExitCode(2))
            }
            exit(withError: error)
        }
    }
}
