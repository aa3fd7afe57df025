import Foundation
import IdlintEngine
import IdlintSyntax

/// The fuzz targets: each takes arbitrary bytes and must return without crashing,
/// hanging or leaking, whatever the bytes are. Selected by IDLINT_FUZZ_TARGET.
enum FuzzTarget: String, CaseIterable {
    case yaml, json, xml, hcl, toml, scan, terraform, certificate

    /// Runs one input through the target.
    func run(_ bytes: UnsafeBufferPointer<UInt8>) {
        switch self {
        case .yaml, .json, .xml, .hcl, .toml:
            let syntax: Syntax = switch self {
            case .yaml: .yaml
            case .json: .json
            case .xml: .xml
            case .toml: .toml
            default: .hcl
            }
            guard let prepared = try? SourceText.prepare(Array(bytes)) else { return }
            prepared.withUnsafeBufferPointer { buffer in
                try? syntax.parser.parse(buffer, file: "fuzz", limits: .standard) { document in
                    _ = document.root.count
                }
            }
        case .scan:
            // Recognition and every rule over whatever the bytes parse as, as YAML, JSON, XML
            // and Codex's TOML settings; and as OpenCode's settings, whose MCP servers are
            // read in a shape of their own (the command one list).
            for name in ["fuzz.yaml", "fuzz.json", "fuzz.xml", ".codex/config.toml", "opencode.json"] {
                _ = FuzzTarget.scanner.scan(files: [InputFile(displayPath: name, source: .content(Array(bytes)))])
            }
        case .terraform:
            // A module of two files (the input split at its first NUL byte): evaluation of
            // variables, locals and policy documents across files, the provider resources'
            // native forms, and every rule over them.
            let parts = bytes.split(separator: 0, maxSplits: 1, omittingEmptySubsequences: false)
            let files = parts.enumerated().map { index, part in
                InputFile(displayPath: index == 0 ? "m/main.tf" : "m/variables.tf", source: .content(Array(part)))
            }
            _ = FuzzTarget.terraformScanner.scan(files: files)
        case .certificate:
            _ = CertificateDecoder.decode(String(decoding: bytes, as: UTF8.self))
            _ = CertificateDecoder.decode(Data(bytes).base64EncodedString())
        }
    }

    /// Builds the one-time state of the selected target.
    static func prepare() {
        if selected == .scan { _ = scanner }
        if selected == .terraform { _ = terraformScanner }
    }

    static let scanner: IdentityScanner = {
        var configuration = ScanConfiguration()
        configuration.jobs = 1
        return IdentityScanner(library: try! RuleLibrary.builtIn(), configuration: configuration)
    }()

    static let terraformScanner: IdentityScanner = {
        var configuration = ScanConfiguration()
        configuration.jobs = 1
        configuration.discovery.extensions.insert("tf")
        return IdentityScanner(library: try! RuleLibrary.builtIn(), configuration: configuration)
    }()

    static let selected: FuzzTarget = {
        let name = ProcessInfo.processInfo.environment["IDLINT_FUZZ_TARGET"] ?? "yaml"
        guard let target = FuzzTarget(rawValue: name) else {
            FileHandle.standardError.write(Data("IDLINT_FUZZ_TARGET must be one of: \(allCases.map(\.rawValue).joined(separator: ", "))\n".utf8))
            exit(2)
        }
        return target
    }()
}

/// One input, as libFuzzer's driver calls it (under libFuzzer's usual name too, which
/// its library refers to).
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    FuzzTarget.selected.run(UnsafeBufferPointer(start: data, count: size))
    return 0
}
