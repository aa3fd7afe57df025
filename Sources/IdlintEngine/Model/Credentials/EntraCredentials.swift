/// An Entra application's client secrets (`passwordCredentials`) and certificates
/// (`keyCredentials`), by their public keyId, with their end dates.
enum EntraCredentials {
    static func credentials(_ object: RecognizedObject) -> [Credential] {
        let root = object.node
        let appID = CredentialExtractors.literal(root["appId"])
        let name = object.name ?? "application"
        let owner = PrincipalRef(platform: .entra, kind: "Application", name: appID.map { "\(name) (\($0))" } ?? name, stableID: appID)
        let sets: [(String, Credential.Kind)] = [("passwordCredentials", .clientSecret), ("keyCredentials", .certificate)]
        return sets.flatMap { key, kind in
            (root[key]?.elements ?? []).enumerated().map { index, entry in
                let id = CredentialExtractors.literal(entry["keyId"]) ?? CredentialExtractors.literal(entry["displayName"]) ?? "#\(index + 1)"
                let expires = Credential.day(CredentialExtractors.literal(entry["endDateTime"]) ?? CredentialExtractors.literal(entry["endDate"]))
                return Credential(kind: kind, owner: owner, id: id, storedIn: "application \(name) \(key)", expires: expires, location: entry.location)
            }
        }
    }
}
