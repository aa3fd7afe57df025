/// The API permissions an Entra application asks for (`requiredResourceAccess`):
/// application permissions (`Role`, used without a user, granted tenant-wide by an
/// admin) apart from delegated ones (`Scope`, bounded by the signed-in user).
enum EntraGrants {
    /// Resource applications people know by name.
    static let resourceNames = [
        "00000003-0000-0000-c000-000000000000": "Microsoft Graph",
        "00000002-0000-0000-c000-000000000000": "Azure AD Graph",
        "00000002-0000-0ff1-ce00-000000000000": "Office 365 Exchange Online",
        "00000003-0000-0ff1-ce00-000000000000": "SharePoint Online",
        "797f4846-ba00-4fd7-ba43-dac1f8f63013": "Azure Service Management",
    ]

    static func grants(_ object: RecognizedObject) -> [DirectGrant] {
        let root = object.node
        let name = object.name ?? "application"
        let appID = DirectGrantExtractors.text(root["appId"])
        let principal = PrincipalRef(platform: .entra, kind: "Application", name: appID.map { "\(name) (\($0))" } ?? name, stableID: appID)
        var held: [Privilege] = []
        for resource in root["requiredResourceAccess"]?.elements ?? [] {
            let resourceID = DirectGrantExtractors.text(resource["resourceAppId"]) ?? "?"
            let resourceName = resourceNames[resourceID] ?? resourceID
            for access in resource["resourceAccess"]?.elements ?? [] {
                guard let id = DirectGrantExtractors.text(access["id"]) else { continue }
                let application = access.string("type") == "Role"
                held.append(Privilege(action: id, resource: resourceName, group: "",
                                      scope: application ? "as an application permission" : "as a delegated permission", names: []))
            }
        }
        return [DirectGrant(principal: principal, privileges: held, through: "application \(name) requiredResourceAccess")]
    }
}
