import Foundation

/// The entry point. Built for fuzzing (IDLINT_FUZZ), it hands control to libFuzzer's
/// driver with the target's callback; otherwise it replays files through the target:
/// the seed corpus and the crash inputs kept as regression tests.
@main
enum FuzzMain {
    static func main() throws {
        #if IDLINT_FUZZ
        // SwiftPM names the executable's entry point itself, so libFuzzer's own main is
        // not used; its driver is found at run time instead.
        typealias Callback = @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
        typealias Driver = @convention(c) (UnsafeMutablePointer<Int32>, UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>, Callback) -> Int32
        // The callback is looked up by name as well: taking the address of the @_cdecl
        // function here would emit a second copy of its C symbol.
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "LLVMFuzzerRunDriver"),
              let callback = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "LLVMFuzzerTestOneInput") else {
            FileHandle.standardError.write(Data("libFuzzer is not linked in\n".utf8))
            exit(2)
        }
        let driver = unsafeBitCast(symbol, to: Driver.self)
        // One-time state (the rule library, the scanner) is built before fuzzing starts,
        // so libFuzzer's per-input leak check sees only what an input itself allocates.
        FuzzTarget.prepare()
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(driver(&argc, &argv, unsafeBitCast(callback, to: Callback.self)))
        #else
        for path in CommandLine.arguments.dropFirst() {
            let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
            bytes.withUnsafeBufferPointer { FuzzTarget.selected.run($0) }
        }
        #endif
    }
}
