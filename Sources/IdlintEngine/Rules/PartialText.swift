/// A quoted Terraform template whose interpolations are unknown but whose literal parts
/// are written (`"${data.azurerm_subscription.current.id}/providers/.../roleDefinitions/8e3af657-..."`):
/// what it certainly holds, whatever the unknown parts turn out to be. Only certain
/// matches are answered; everything else stays unknown.
struct PartialText {
    /// The literal text between interpolations, in order.
    private let literals: [Substring]
    private let startsLiteral: Bool
    private let endsLiteral: Bool

    init?(template text: String) {
        guard text.count >= 2, text.hasPrefix("\""), text.hasSuffix("\""), text.contains("${") else { return nil }
        var literals: [Substring] = []
        var rest = text.dropFirst().dropLast()
        startsLiteral = !rest.hasPrefix("${")
        endsLiteral = !rest.hasSuffix("}")
        while let open = rest.range(of: "${") {
            literals.append(rest[..<open.lowerBound])
            guard let close = rest[open.upperBound...].firstIndex(of: "}") else { return nil }
            rest = rest[rest.index(after: close)...]
        }
        literals.append(rest)
        self.literals = literals
    }

    /// Whether every value of the template matches a glob of the form `*X*`, `X*`, `*X`
    /// (X without wildcards): X sits in a literal part where the form needs it.
    func certainlyMatches(_ pattern: String) -> Bool {
        let leading = pattern.hasPrefix("*"), trailing = pattern.hasSuffix("*")
        let core = pattern.dropFirst(leading ? 1 : 0).dropLast(trailing && pattern.count > 1 ? 1 : 0)
        guard !core.isEmpty, !core.contains(where: { "*?[".contains($0) }) else { return false }
        switch (leading, trailing) {
        case (true, true): return literals.contains { $0.contains(core) }
        case (false, true): return startsLiteral && literals.first?.hasPrefix(core) == true
        case (true, false): return endsLiteral && literals.last?.hasSuffix(core) == true
        case (false, false): return false
        }
    }
}
