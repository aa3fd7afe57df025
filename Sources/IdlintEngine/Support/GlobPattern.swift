/// Shell-style patterns for file paths and names: `*` (within one path segment), `**`
/// (across segments), `?`, and `[a-z]` classes. Over plain text (`overText`) there are
/// no segments: `/` is an ordinary character for every token. Matched by dynamic
/// programming, so a hostile pattern costs at most pattern length × text length steps,
/// never backtracking.
public struct GlobPattern: Sendable, CustomStringConvertible {
    enum Token: Hashable, Sendable {
        case literal(UInt8)
        case anyInSegment
        case anyAcrossSegments
        case anyFolders
        case single
        case characterClass(negated: Bool, ranges: [ClosedRange<UInt8>])
    }

    public let description: String
    let tokens: [Token]
    let caseInsensitive: Bool
    /// Over plain text `/` separates nothing: `*`, `?` and classes match it too.
    let slashIsOrdinary: Bool
    /// The pattern as `[*]literal[*]` (case-folded when case-insensitive), when it has
    /// that form: matched by one comparison, and read by `PartialText`.
    let literalCore: (leadingStar: Bool, bytes: [UInt8], trailingStar: Bool)?
    /// The literal bytes every match starts and ends with (`${` and `}` of `${*}`): a text
    /// without them is refused before the table is built, which placeholder patterns
    /// tried against every value of a large ConfigMap or Secret would otherwise fill.
    let anchors: (head: [UInt8], tail: [UInt8])

    public init(_ pattern: String, caseInsensitive: Bool = false) {
        self.init(pattern, caseInsensitive: caseInsensitive, slashIsOrdinary: false)
    }

    /// A glob over plain text rather than paths (messages, URLs, IAM actions).
    public static func overText(_ pattern: String, caseInsensitive: Bool = false) -> GlobPattern {
        GlobPattern(pattern, caseInsensitive: caseInsensitive, slashIsOrdinary: true)
    }

    private init(_ pattern: String, caseInsensitive: Bool, slashIsOrdinary: Bool) {
        description = pattern
        self.caseInsensitive = caseInsensitive
        self.slashIsOrdinary = slashIsOrdinary
        let bytes = Array((caseInsensitive ? pattern.lowercased() : pattern).utf8)
        var tokens: [Token] = []
        tokens.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "*"):
                if index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "*") {
                    index += 2
                    // `**/` matches zero or more whole folders; a bare `**` matches anything.
                    if index < bytes.count, bytes[index] == UInt8(ascii: "/") {
                        tokens.append(.anyFolders)
                        index += 1
                    } else {
                        tokens.append(.anyAcrossSegments)
                    }
                    continue
                }
                tokens.append(.anyInSegment)
            case UInt8(ascii: "?"):
                tokens.append(.single)
            case UInt8(ascii: "["):
                if let (token, next) = Self.characterClass(bytes, from: index) {
                    tokens.append(token)
                    index = next
                    continue
                }
                tokens.append(.literal(byte))
            case UInt8(ascii: "\\") where index + 1 < bytes.count:
                tokens.append(.literal(bytes[index + 1]))
                index += 1
            default:
                tokens.append(.literal(byte))
            }
            index += 1
        }
        self.tokens = tokens
        literalCore = Self.literalCore(tokens)
        let head = tokens.prefix { if case .literal = $0 { true } else { false } }
        let tail = head.count == tokens.count ? [] : tokens.reversed().prefix { if case .literal = $0 { true } else { false } }.reversed()
        func literalBytes(_ literals: some Sequence<Token>) -> [UInt8] {
            literals.compactMap { if case .literal(let byte) = $0 { byte } else { nil } }
        }
        anchors = (literalBytes(head), literalBytes(tail))
    }

    public func matches(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            if let fast = fastMatch(bytes) { return fast }
            guard anchored(bytes) else { return false }
            return generalMatch(bytes)
        }
    }

    /// Most patterns are a literal with stars at its ends (`*agent*`, `*.yaml`, `bot-*`):
    /// answered by one comparison, without the table. Nil when the pattern is not of that form.
    private func fastMatch(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool? {
        guard let literal = literalCore, slashIsOrdinary || !bytes.contains(UInt8(ascii: "/")) else { return nil }
        let count = literal.bytes.count
        guard bytes.count >= count else { return false }
        func equal(at offset: Int) -> Bool {
            for index in 0..<count where Self.fold(bytes[offset + index], caseInsensitive) != literal.bytes[index] { return false }
            return true
        }
        switch (literal.leadingStar, literal.trailingStar) {
        case (false, false): return bytes.count == count && equal(at: 0)
        case (false, true): return equal(at: 0)
        case (true, false): return equal(at: bytes.count - count)
        case (true, true): return (0...(bytes.count - count)).contains { equal(at: $0) }
        }
    }

    /// Whether the text starts and ends with the pattern's literal anchors, apart.
    private func anchored(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let (head, tail) = anchors
        guard bytes.count >= head.count + tail.count else { return false }
        for (offset, byte) in head.enumerated() where Self.fold(bytes[offset], caseInsensitive) != byte { return false }
        let start = bytes.count - tail.count
        for (offset, byte) in tail.enumerated() where Self.fold(bytes[start + offset], caseInsensitive) != byte { return false }
        return true
    }

    private func generalMatch(_ source: UnsafeBufferPointer<UInt8>) -> Bool {
        let bytes = source.map { Self.fold($0, caseInsensitive) }
        // reachable[j]: the tokens consumed so far can match bytes[0..<j].
        var reachable = [Bool](repeating: false, count: bytes.count + 1)
        var next = reachable
        reachable[0] = true
        for token in tokens {
            for position in next.indices { next[position] = false }
            switch token {
            case .anyInSegment, .anyAcrossSegments:
                var carrying = false
                for position in 0...bytes.count {
                    if reachable[position] { carrying = true }
                    next[position] = carrying
                    if position < bytes.count, token == .anyInSegment, !slashIsOrdinary, bytes[position] == UInt8(ascii: "/") { carrying = false }
                }
            case .anyFolders:
                var seen = false
                for position in 0...bytes.count {
                    next[position] = reachable[position] || (seen && bytes[position - 1] == UInt8(ascii: "/"))
                    if reachable[position] { seen = true }
                }
            default:
                for position in 0..<bytes.count where reachable[position] && accepts(token, bytes[position]) {
                    next[position + 1] = true
                }
            }
            swap(&reachable, &next)
            if !reachable.contains(true) { return false }
        }
        return reachable[bytes.count]
    }

    private static func fold(_ byte: UInt8, _ caseInsensitive: Bool) -> UInt8 {
        caseInsensitive && byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
    }

    /// The pattern as `[*]literal[*]`, when it has that form.
    private static func literalCore(_ tokens: [Token]) -> (leadingStar: Bool, bytes: [UInt8], trailingStar: Bool)? {
        var body = tokens[...]
        let leading = body.first == .anyInSegment
        if leading { body = body.dropFirst() }
        let trailing = body.last == .anyInSegment
        if trailing { body = body.dropLast() }
        var literal: [UInt8] = []
        for token in body {
            guard case .literal(let byte) = token else { return nil }
            literal.append(byte)
        }
        return (leading, literal, trailing)
    }

    private func accepts(_ token: Token, _ byte: UInt8) -> Bool {
        let isSlash = byte == UInt8(ascii: "/") && !slashIsOrdinary
        switch token {
        case .literal(let literal): return literal == byte
        case .single: return !isSlash
        case .characterClass(let negated, let ranges): return ranges.contains { $0.contains(byte) } != negated && !isSlash
        case .anyInSegment, .anyAcrossSegments, .anyFolders: return true
        }
    }

    private static func characterClass(_ bytes: [UInt8], from start: Int) -> (Token, Int)? {
        var index = start + 1
        var negated = false
        if index < bytes.count, bytes[index] == UInt8(ascii: "!") || bytes[index] == UInt8(ascii: "^") {
            negated = true
            index += 1
        }
        var ranges: [ClosedRange<UInt8>] = []
        var first = true
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "]") && !first {
                return (.characterClass(negated: negated, ranges: ranges), index + 1)
            }
            if index + 2 < bytes.count, bytes[index + 1] == UInt8(ascii: "-"), bytes[index + 2] != UInt8(ascii: "]") {
                ranges.append(min(byte, bytes[index + 2])...max(byte, bytes[index + 2]))
                index += 3
            } else {
                ranges.append(byte...byte)
                index += 1
            }
            first = false
        }
        return nil
    }
}
