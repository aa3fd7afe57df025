/// idlint's version, reported in every output format.
public enum IdlintVersion {
    public static let current = "0.1.0"
    public static let informationURI = "https://github.com/idlint/idlint"
}
