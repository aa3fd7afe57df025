/// Recognises, from the first bytes alone, a file whose name says nothing (no
/// extension) but whose content is an AWS policy or an AWS CLI export of IAM: people save
/// `aws iam get-policy-version` output as `admin-policy` and policies as `trust`. Only
/// such names are sniffed, and only a prefix is read, so a tree of scripts and licences
/// costs one short read each.
enum ContentSniff {
    /// How much of a file the sniff reads.
    static let prefixBytes = 4096

    /// Keys that one of these documents has near its top; a key in quotes, since every
    /// one of them is JSON.
    private static let markers: [[UInt8]] = [
        "\"Statement\"", "\"PolicyVersion\"", "\"PolicyDocument\"", "\"AssumeRolePolicyDocument\"",
        "\"UserDetailList\"", "\"GroupDetailList\"", "\"RoleDetailList\"",
    ].map { Array($0.utf8) }

    /// Whether a file of this name is sniffed: it has no extension (a leading dot makes
    /// a hidden file, not an extension: `.bashrc` is not sniffed either, it is settings).
    static func appliesTo(name: String) -> Bool {
        !name.hasPrefix(".") && !name.contains(".")
    }

    /// Whether the bytes start a JSON object that names a policy key.
    static func looksLikeAWSPolicy(_ prefix: [UInt8]) -> Bool {
        startsJSONObject(prefix) && markers.contains { marker in contains(prefix[...], marker) }
    }

    /// Whether the bytes start a JSON object: a UTF-8 byte order mark, whitespace, `{`. A
    /// file that does, and names no policy key in its prefix, is read whole before it is
    /// passed over: padding must not push a policy's keys out of sight.
    static func startsJSONObject(_ prefix: [UInt8]) -> Bool {
        var bytes = prefix[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        return bytes.first(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }) == UInt8(ascii: "{")
    }

    private static func contains(_ haystack: ArraySlice<UInt8>, _ needle: [UInt8]) -> Bool {
        guard haystack.count >= needle.count, let first = needle.first else { return false }
        var index = haystack.startIndex
        let last = haystack.endIndex - needle.count
        while index <= last {
            if haystack[index] == first, haystack[index..<(index + needle.count)].elementsEqual(needle) { return true }
            index += 1
        }
        return false
    }
}
