// swift-tools-version: 6.1
// The manifest reads as the architecture: system libraries, then syntax, engine,
// reporting, and the executables on top. Data flows one way through these layers.
import Foundation
import PackageDescription

// IDLINT_FUZZ=1 (scripts/fuzz.sh) instruments the parsers and the engine for libFuzzer
// with AddressSanitizer, and links libFuzzer into idlint-fuzz only: build tools such as
// the rulesets plugin stay ordinary executables.
let fuzzing = ProcessInfo.processInfo.environment["IDLINT_FUZZ"] == "1"
let fuzzSwift: [SwiftSetting] = fuzzing ? [.unsafeFlags(["-sanitize=fuzzer,address"]), .define("IDLINT_FUZZ")] : []
let fuzzLink: [LinkerSetting] = fuzzing ? [.unsafeFlags(["-sanitize=fuzzer,address", "-use-ld=lld", "-Xlinker", "--export-dynamic"])] : []

let package = Package(
    name: "idlint",
    products: [
        .executable(name: "idlint", targets: ["idlint"]),
        .executable(name: "idlint-mcp", targets: ["idlint-mcp"]),
        .library(name: "IdlintEngine", targets: ["IdlintEngine"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // X.509 certificates in SAML metadata, JWKS and app manifests; swift-asn1 reads
        // the ones swift-certificates refuses (weak keys are exactly what we report).
        .package(url: "https://github.com/apple/swift-certificates", from: "1.21.1"),
        .package(url: "https://github.com/apple/swift-asn1", from: "1.7.4"),
        // The agent interface: idlint as an MCP server, with the official SDK.
        .package(url: "https://github.com/modelcontextprotocol/swift-sdk", from: "0.12.1"),
        // Already the SDK's own dependency; named here because idlint's stdio transport
        // implements the SDK's Transport protocol, which requires a swift-log Logger
        // (1.16 for LogEvent, which the handler that feeds the call log receives).
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
    ],
    targets: [
        // C libraries from Debian (libyaml-dev, libxml2-dev), found through pkg-config.
        .systemLibrary(name: "CLibYAML", pkgConfig: "yaml-0.1", providers: [.apt(["libyaml-dev"])]),
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        // glibc's malloc.h, for mallopt (MallocSettings): part of libc, nothing to link.
        .systemLibrary(name: "CMalloc"),
        // GNU extensions of glibc that Swift's Glibc module leaves out (pipe2, closefrom).
        .target(name: "CGlibcExtensions"),

        // Bytes to positioned node trees: YAML, JSON, XML, HCL, TOML.
        .target(name: "IdlintSyntax", dependencies: ["CLibYAML", "CLibXML2"], swiftSettings: fuzzSwift),

        // Discovery, recognition, model, rules, analyses, findings, scan.
        .target(
            name: "IdlintEngine",
            dependencies: [
                "IdlintSyntax",
                "CMalloc",
                "CGlibcExtensions",
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
            ],
            swiftSettings: fuzzSwift,
            plugins: [.plugin(name: "EmbedRulesets")]
        ),

        // SARIF, JSON, Markdown and terminal text.
        .target(name: "IdlintReporting", dependencies: ["IdlintEngine"]),

        // The read-only agent interface: scan, check_change, explain_rule, map_controls
        // as MCP tools, every path held inside one root.
        .target(name: "IdlintMCP", dependencies: [
            "IdlintEngine", "IdlintReporting", .product(name: "MCP", package: "swift-sdk"), .product(name: "Logging", package: "swift-log"),
        ]),

        // What both executables read from their command line: rule options, the MCP
        // server's options, exit codes, and the few file-system calls around them.
        .target(name: "IdlintCommandLine", dependencies: [
            "IdlintEngine", "IdlintReporting", .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        // The scanner does not link the MCP server: the SDK brings Foundation's networking,
        // libcurl, GnuTLS, Kerberos and LDAP, whose loading cost every run about 8 ms and
        // which idlint never uses. `idlint mcp` hands over to idlint-mcp, installed beside it.
        .executableTarget(
            name: "idlint",
            dependencies: [
                "IdlintEngine", "IdlintReporting", "IdlintCommandLine",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "idlint-mcp",
            dependencies: [
                "IdlintEngine", "IdlintMCP", "IdlintCommandLine",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "idlint-bench", dependencies: ["IdlintEngine", "IdlintSyntax", "CLibYAML"]),
        // Fuzz targets: built with -sanitize=fuzzer by scripts/fuzz.sh; a normal build
        // replays inputs through them (the seed corpus and kept crash inputs).
        .executableTarget(name: "idlint-fuzz", dependencies: ["IdlintEngine", "IdlintSyntax"], swiftSettings: fuzzSwift, linkerSettings: fuzzLink),

        // The built-in rules and catalogs in rulesets/ travel inside the binary: this
        // plugin turns them into Swift source at build time, so they never go stale, and
        // parses them there, so start-up does not. A fuzzing build instruments the parsers
        // it links, and the address sanitizer's runtime serves that instrumentation.
        .executableTarget(name: "embed-rulesets", dependencies: ["IdlintSyntax"],
                          linkerSettings: fuzzing ? [.unsafeFlags(["-sanitize=address"])] : []),
        .plugin(name: "EmbedRulesets", capability: .buildTool(), dependencies: ["embed-rulesets"]),

        .testTarget(name: "IdlintSyntaxTests", dependencies: ["IdlintSyntax"]),
        .testTarget(name: "IdlintEngineTests", dependencies: ["IdlintEngine"]),
        .testTarget(name: "IdlintMCPTests", dependencies: ["IdlintMCP", "IdlintEngine", .product(name: "MCP", package: "swift-sdk")]),
        .testTarget(name: "IdlintReportingTests", dependencies: ["IdlintReporting", "IdlintEngine", "IdlintSyntax"], exclude: ["Schemas"]),
    ]
)
