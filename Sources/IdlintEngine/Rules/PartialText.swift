/// A quoted Terraform template whose interpolations are unknown but whose literal parts
/// are written (`"${data.azurerm_subscription.current.id}/providers/.../roleDefinitions/8e3af657-..."`):
/// what it certainly holds, whatever the unknown parts turn out to be. Only certain
/// matches are answered; everything else stays unknown.
struct PartialText {
    /// The literal bytes between interpolations, in order (`$${` read as a literal `${`).
    private let literals: [[UInt8]]
    private let startsLiteral: Bool
    private let endsLiteral: Bool

    /// Nil for anything but a quoted template with interpolations; also for one with
    /// `%{ }` directives, whose literal parts may not appear at all.
    init?(template text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count >= 2, bytes.first == UInt8(ascii: "\""), bytes.last == UInt8(ascii: "\"") else { return nil }
        var literals: [[UInt8]] = [[]]
        var index = 1
        var interpolations = 0
        while index < bytes.count - 1 {
            let byte = bytes[index], next = index + 1 < bytes.count - 1 ? bytes[index + 1] : 0
            if (byte == UInt8(ascii: "$") || byte == UInt8(ascii: "%")), next == byte, index + 2 < bytes.count - 1, bytes[index + 2] == UInt8(ascii: "{") {
                literals[literals.count - 1] += [byte, UInt8(ascii: "{")]
                index += 3
            } else if byte == UInt8(ascii: "%"), next == UInt8(ascii: "{") {
                return nil
            } else if byte == UInt8(ascii: "$"), next == UInt8(ascii: "{") {
                guard let close = bytes[(index + 2)...].firstIndex(of: UInt8(ascii: "}")) else { return nil }
                interpolations += 1
                literals.append([])
                index = close + 1
            } else {
                literals[literals.count - 1].append(byte)
                index += 1
            }
        }
        guard interpolations > 0 else { return nil }
        self.literals = literals
        startsLiteral = !literals[0].isEmpty
        endsLiteral = !literals[literals.count - 1].isEmpty
    }

    /// Whether every value of the template matches a case-sensitive text glob of the form
    /// `*X*`, `X*` or `*X`: X sits in a literal part where the form needs it. Path globs
    /// are never certain, since the unknown part may hold a `/`.
    func certainlyMatches(_ glob: GlobPattern) -> Bool {
        guard glob.slashIsOrdinary, !glob.caseInsensitive, let form = glob.literalCore, !form.bytes.isEmpty else { return false }
        let core = form.bytes
        switch (form.leadingStar, form.trailingStar) {
        case (true, true): return literals.contains { Self.contains($0, core) }
        case (false, true): return startsLiteral && literals[0].starts(with: core)
        case (true, false): return endsLiteral && literals[literals.count - 1].reversed().starts(with: core.reversed())
        case (false, false): return false
        }
    }

    private static func contains(_ bytes: [UInt8], _ part: [UInt8]) -> Bool {
        guard bytes.count >= part.count else { return false }
        return (0...(bytes.count - part.count)).contains { bytes[$0..<($0 + part.count)].elementsEqual(part) }
    }
}
