import IdlintSyntax

/// Files of the scan that a document is read with, rather than on their own: an ARM
/// template's parameter files (`ARMParameterFiles`). Built once per scan from all its
/// inputs and handed to every recogniser, so that the recogniser of a kind pairs its
/// documents itself and the scanner holds no case per kind.
public struct CompanionFiles: Sendable {
    var armParameters = ARMParameterFiles()

    public init() {}

    init(_ inputs: [InputFile], limits: ParseLimits, maxBytes: Int) {
        armParameters = ARMParameterFiles(inputs, limits: limits, maxBytes: maxBytes)
    }

    /// Whether a file was read as another's companion: identity configuration idlint
    /// read, though it holds no object of its own.
    func wasRead(_ path: String) -> Bool {
        armParameters.isUsed(path)
    }
}
