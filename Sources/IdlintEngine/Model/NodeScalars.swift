import IdlintSyntax

extension Node {
    /// A field that holds one string or a list of strings, as IAM's Action and Resource
    /// and Azure's Actions do: its non-null scalars. Unevaluated expressions (Terraform
    /// references) are left out: what they hold is unknown, and never guessed.
    var scalarItems: [Node] {
        if isScalar { return isNull || isUnevaluated ? [] : [self] }
        return elements.filter { $0.isScalar && !$0.isUnevaluated }
    }

    /// The bodies of a nested block: HCL repeats the block's key, a plan or ARM template
    /// lists them under one key.
    func blockBodies(_ name: String) -> [Node] {
        let values = values(name)
        if values.count == 1, values[0].isSequence { return values[0].elements.filter(\.isMapping) }
        return values.filter(\.isMapping)
    }
}
