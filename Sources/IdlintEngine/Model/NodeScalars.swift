import IdlintSyntax

extension Node {
    /// A field that holds one string or a list of strings, as IAM's Action and Resource
    /// and Azure's Actions do: its non-null scalars.
    var scalarItems: [Node] {
        if isScalar { return isNull ? [] : [self] }
        return elements.filter(\.isScalar)
    }
}
