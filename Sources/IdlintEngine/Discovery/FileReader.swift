#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads whole files read-only, with a size cap checked while reading, so a file that
/// grows or lies about its size cannot exhaust memory. A path must name a regular file
/// when it is opened, not only when it was discovered: it is opened non-blocking (a FIFO
/// swapped in after discovery cannot block the open) and checked again on the open
/// descriptor before a byte is read.
package enum FileReader {
    package struct ReadError: Error, Sendable {
        package var message: String
    }

    package static func read(path: String, maxBytes: Int) throws -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY)
        guard descriptor >= 0 else { throw ReadError(message: "cannot open: \(FileDiscovery.errorText(errno))") }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw ReadError(message: "cannot read: \(FileDiscovery.errorText(errno))") }
        guard status.st_mode & S_IFMT == S_IFREG else { throw ReadError(message: "not read: not a regular file") }
        guard Int(status.st_size) <= maxBytes else {
            throw ReadError(message: "not read: \(status.st_size) bytes is over the \(maxBytes)-byte limit (max-file-size)")
        }
        return try readAll(descriptor, maxBytes: maxBytes)
    }

    /// The first `count` bytes of a regular file (fewer when it is shorter), opened as
    /// `read` opens it: what a content sniff needs, without reading the whole file.
    package static func readPrefix(path: String, count: Int) throws -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY)
        guard descriptor >= 0 else { throw ReadError(message: "cannot open: \(FileDiscovery.errorText(errno))") }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG else { throw ReadError(message: "not read: not a regular file") }
        var buffer = [UInt8](repeating: 0, count: count)
        var filled = 0
        while filled < count {
            let read = buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress! + filled, count - filled) }
            if read < 0, errno == EINTR { continue }
            guard read > 0 else { break }
            filled += read
        }
        return Array(buffer[0..<filled])
    }

    package static func readStandardInput(maxBytes: Int) throws -> [UInt8] {
        try readAll(0, maxBytes: maxBytes)
    }

    /// Everything left to read from an open descriptor, at most `maxBytes`.
    package static func readAll(_ descriptor: Int32, maxBytes: Int) throws -> [UInt8] {
        var status = stat()
        let isRegular = fstat(descriptor, &status) == 0 && status.st_mode & S_IFMT == S_IFREG
        // Reads go straight into the result's own memory, sized for the whole file and one
        // byte more (so that the end is seen without growing): a zeroed 64 KiB scratch
        // buffer per file, copied from, cost eight times the work of a typical manifest.
        // A stream, or a file that grew since `fstat`, doubles the block as it fills.
        var bytes: [UInt8] = []
        var capacity = isRegular ? min(Int(status.st_size), maxBytes) + 1 : 1 << 16
        while true {
            var ended = false
            let before = bytes
            bytes = try [UInt8](unsafeUninitializedCapacity: capacity) { block, initialized in
                initialized = block.initialize(fromContentsOf: before)
                while initialized < capacity {
                    let count = Glibc.read(descriptor, block.baseAddress! + initialized, capacity - initialized)
                    if count < 0 {
                        if errno == EINTR { continue }
                        throw ReadError(message: "read failed: \(FileDiscovery.errorText(errno))")
                    }
                    if count == 0 {
                        ended = true
                        return
                    }
                    initialized += count
                    if initialized > maxBytes {
                        throw ReadError(message: "not read: larger than the \(maxBytes)-byte limit (max-file-size)")
                    }
                }
            }
            if ended { return bytes }
            capacity *= 2
        }
    }
}
