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

    private static func readAll(_ descriptor: Int32, maxBytes: Int) throws -> [UInt8] {
        var buffer: [UInt8] = []
        var status = stat()
        if fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG {
            buffer.reserveCapacity(min(Int(status.st_size), maxBytes) + 1)
        }
        let chunk = 1 << 16
        var scratch = [UInt8](repeating: 0, count: chunk)
        while true {
            let count = scratch.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, chunk) }
            if count < 0 {
                if errno == EINTR { continue }
                throw ReadError(message: "read failed: \(FileDiscovery.errorText(errno))")
            }
            if count == 0 { return buffer }
            buffer.append(contentsOf: scratch[0..<count])
            if buffer.count > maxBytes {
                throw ReadError(message: "not read: larger than the \(maxBytes)-byte limit (max-file-size)")
            }
        }
    }
}
