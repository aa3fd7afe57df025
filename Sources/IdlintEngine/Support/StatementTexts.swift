/// The texts of permission statement values, each kept once for the process and named by
/// a 32-bit id. A statement holds its values' ids, not their strings: a String takes 16
/// bytes even for `get`, and a large cluster's statements hold millions of values that
/// are the same few hundred words (27 MB of the benchmark corpus's peak memory).
///
/// Bounded, so that a long-running server reading unique values (ARNs, long names)
/// cannot grow it without end: past `capacity` texts or `byteBudget` bytes, or for a text
/// longer than `longestKept`, `ids(of:_:)` answers nil and the statement keeps that text
/// itself. Full, the table holds about 20 MB (the texts, their strings' headers, the
/// dictionary and the chunks), for the life of the process: a scan of the benchmark's
/// corpora meets a few thousand texts, an IAM corpus of 5,000 policies tens of thousands.
///
/// Ids are handed out under the lock; a text, once stored, is never moved or changed, and
/// its chunk is never freed, so `text(_:)` reads without the lock. An id reaches a reader
/// only through the lock that made it or through a step that orders the store before the
/// read: the joins that hand facts from the threads that read files to the analyses, the
/// one-time initialisation of the built-in roles, the server's hand-over of a request.
enum StatementTexts {
    static let capacity = 1 << 17
    static let byteBudget = 8 << 20
    static let longestKept = 1024
    private static let chunkBits = 12
    private static let chunkSize = 1 << chunkBits

    private struct Interned {
        var ids: [String: UInt32] = [:]
        var bytes = 0
    }

    private static let interned = Locked(Interned())
    /// Chunks of `chunkSize` texts, allocated as the table grows.
    nonisolated(unsafe) private static let chunks: UnsafeMutablePointer<UnsafeMutablePointer<String>?> = {
        // An id must stay clear of the bit that marks a statement's own text.
        precondition(capacity <= Int(StatementValue.ownText), "text ids would reach the own-text bit")
        let chunks = UnsafeMutablePointer<UnsafeMutablePointer<String>?>.allocate(capacity: capacity >> chunkBits)
        chunks.initialize(repeating: nil, count: capacity >> chunkBits)
        return chunks
    }()

    /// The ids of `texts`, in order, taken under one lock: nil for a text the table does
    /// not keep.
    static func ids(of texts: some Sequence<String>, _ body: (Int, UInt32?) -> Void) {
        interned.withLock { table in
            for (index, text) in texts.enumerated() {
                if let known = table.ids[text] {
                    // Strings compare by canonical equivalence: `é` written as one scalar or
                    // as `e` and a combining accent are equal keys. A value must read back
                    // as it is written, so one of other bytes stays with its statement.
                    body(index, Self.text(known).utf8.elementsEqual(text.utf8) ? known : nil)
                    continue
                }
                let length = text.utf8.count
                guard length <= longestKept, table.ids.count < capacity, table.bytes + length <= byteBudget else {
                    body(index, nil)
                    continue
                }
                let id = table.ids.count
                let chunk = id >> chunkBits
                if chunks[chunk] == nil { chunks[chunk] = .allocate(capacity: chunkSize) }
                (chunks[chunk]! + (id & (chunkSize - 1))).initialize(to: text)
                table.ids[text] = UInt32(id)
                table.bytes += length
                body(index, UInt32(id))
            }
        }
    }

    /// The text of `id`, which `ids(of:_:)` gave.
    static func text(_ id: UInt32) -> String {
        chunks[Int(id) >> chunkBits]![Int(id) & (chunkSize - 1)]
    }
}
