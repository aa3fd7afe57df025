/// Long-lived cloud keys: AWS access keys (CloudFormation and Terraform) and GCP
/// service account keys (a downloaded key file, or the Terraform resource).
enum CloudKeyCredentials {
    static func awsAccessKey(_ object: RecognizedObject) -> [Credential] {
        let values = object.node["Properties"] ?? object.node
        if CredentialExtractors.literal(values["Status"] ?? values["status"]) == "Inactive" { return [] }
        let userNode = values["UserName"] ?? values["user"]
        let user = userNode.map { $0.isMapping ? ($0.string("Ref") ?? "?") : ($0.isUnevaluated ? "\($0.text) (unresolved)" : $0.text) } ?? "?"
        let owner = PrincipalRef(platform: .aws, kind: "IAM identity", name: user)
        return [Credential(kind: .staticKey, owner: owner, id: object.name ?? "access key", storedIn: "an IAM access key resource", location: object.node.location)]
    }

    static func gcpKeyFile(_ object: RecognizedObject) -> [Credential] {
        let email = CredentialExtractors.literal(object.node["client_email"]) ?? object.name ?? "?"
        let id = CredentialExtractors.literal(object.node["private_key_id"]) ?? "key file"
        return [Credential(kind: .privateKey, owner: PrincipalRef(platform: .gcp, kind: "ServiceAccount", name: email), id: id,
                           storedIn: "a downloaded key file", location: object.node.location)]
    }

    static func gcpKeyResource(_ object: RecognizedObject) -> [Credential] {
        let account = object.node["service_account_id"].map { $0.isUnevaluated ? "\($0.text) (unresolved)" : $0.text } ?? "?"
        return [Credential(kind: .staticKey, owner: PrincipalRef(platform: .gcp, kind: "ServiceAccount", name: account), id: object.name ?? "key",
                           storedIn: "a service account key resource", location: object.node.location)]
    }
}
