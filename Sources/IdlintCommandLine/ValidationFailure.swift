import ArgumentParser

/// A configuration or rule-file problem: printed plainly, exit code 2.
package struct ValidationFailure: Error, CustomStringConvertible {
    package var message: String
    package var description: String { message }

    package init(message: String) {
        self.message = message
    }
}

/// Runs `body`, turning a configuration or rule problem into exit code 2.
package func exitOnValidationFailure<Result>(_ body: () throws -> Result) throws -> Result {
    do {
        return try body()
    } catch let failure as ValidationFailure {
        FileSystem.printError("idlint: \(failure.message)")
        throw ExitCode(2)
    }
}
