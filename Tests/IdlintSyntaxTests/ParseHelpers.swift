@testable import IdlintSyntax

/// Parses text with the parser for `syntax` and returns every document, or the error.
func parse(_ text: String, as syntax: Syntax, limits: ParseLimits = .standard) throws -> [Document] {
    try parseBytes(Array(text.utf8), as: syntax, limits: limits)
}

func parseBytes(_ raw: [UInt8], as syntax: Syntax, limits: ParseLimits = .standard) throws -> [Document] {
    let bytes = try SourceText.prepare(raw)
    var documents: [Document] = []
    try bytes.withUnsafeBufferPointer { buffer in
        try syntax.parser.parse(buffer, file: "input.\(syntax.rawValue)", limits: limits) { documents.append($0) }
    }
    return documents
}

/// The error a parse throws, or nil when it succeeds.
func parseError(_ text: String, as syntax: Syntax, limits: ParseLimits = .standard) -> SyntaxError? {
    parseErrorBytes(Array(text.utf8), as: syntax, limits: limits)
}

func parseErrorBytes(_ raw: [UInt8], as syntax: Syntax, limits: ParseLimits = .standard) -> SyntaxError? {
    do {
        _ = try parseBytes(raw, as: syntax, limits: limits)
        return nil
    } catch let error as SyntaxError {
        return error
    } catch {
        return SyntaxError(.malformed, "unexpected error type: \(error)")
    }
}

func position(_ line: Int, _ column: Int) -> SourcePosition {
    SourcePosition(line: line, column: column)
}
