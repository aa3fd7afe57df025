import IdlintSyntax

extension Node {
    /// A field that holds one string or a list of strings, as IAM's Action and Resource
    /// and Azure's Actions do: its non-null scalars. Unevaluated expressions (Terraform
    /// references) are left out: what they hold is unknown, and never guessed.
    var scalarItems: [Node] {
        if isScalar { return isNull || isUnevaluated ? [] : [self] }
        return elements.filter { $0.isScalar && !$0.isUnevaluated }
    }
}
