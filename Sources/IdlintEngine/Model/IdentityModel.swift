/// Every fact the scan collected, merged across files: roles, bindings and policies from
/// each family's adapter, direct grants and credentials from the registries by kind
/// (`DirectGrantExtractors`, `CredentialExtractors`). Analyses read the whole model once
/// every file has been parsed.
public struct IdentityModel: Sendable {
    public var kubernetes = KubernetesFacts()
    public var awsPolicies: [AWSPolicy] = []
    public var gcpPolicies: [GCPPolicy] = []
    public var azureRoles: [AzureRoleDefinition] = []
    /// Privileges given where they are written, by the families without roles and bindings.
    public var directGrants: [DirectGrant] = []
    public var credentials: [Credential] = []

    public init() {}

    /// Every direct grant: the families' own, and AWS trust and resource policy statements.
    public var allDirectGrants: [DirectGrant] { directGrants + awsPolicies.flatMap(\.resourceGrants) }

    /// Room for the facts of all these models at once. Merged one by one into arrays that
    /// double as they grow, a large scan's facts were held with up to as much again spare.
    mutating func reserveCapacity(forMerging models: some Sequence<IdentityModel>) {
        var total = IdentityModel.Counts()
        for model in models { total.add(model) }
        kubernetes.roles.reserveCapacity(kubernetes.roles.count + total.roles)
        kubernetes.bindings.reserveCapacity(kubernetes.bindings.count + total.bindings)
        kubernetes.serviceAccounts.reserveCapacity(kubernetes.serviceAccounts.count + total.serviceAccounts)
        kubernetes.workloads.reserveCapacity(kubernetes.workloads.count + total.workloads)
        awsPolicies.reserveCapacity(awsPolicies.count + total.awsPolicies)
        gcpPolicies.reserveCapacity(gcpPolicies.count + total.gcpPolicies)
        azureRoles.reserveCapacity(azureRoles.count + total.azureRoles)
        directGrants.reserveCapacity(directGrants.count + total.directGrants)
        credentials.reserveCapacity(credentials.count + total.credentials)
    }

    private struct Counts {
        var roles = 0, bindings = 0, serviceAccounts = 0, workloads = 0
        var awsPolicies = 0, gcpPolicies = 0, azureRoles = 0, directGrants = 0, credentials = 0

        mutating func add(_ model: IdentityModel) {
            roles += model.kubernetes.roles.count
            bindings += model.kubernetes.bindings.count
            serviceAccounts += model.kubernetes.serviceAccounts.count
            workloads += model.kubernetes.workloads.count
            awsPolicies += model.awsPolicies.count
            gcpPolicies += model.gcpPolicies.count
            azureRoles += model.azureRoles.count
            directGrants += model.directGrants.count
            credentials += model.credentials.count
        }
    }

    /// Empties the lists of permission statements: Kubernetes roles' rules, AWS policies'
    /// and Azure role definitions' statements. Only the grant sets and the rules that read
    /// them need statements, and once they are done, the statements are the largest part
    /// of a large scan's model (60 MB of the benchmark's 124 MB corpus): the analyses that
    /// read the model alone run after this. A boundary's copy of its policy's statements
    /// and a GCP binding's one statement (the role it names) are kept.
    mutating func releaseStatements() {
        for index in kubernetes.roles.indices { kubernetes.roles[index].rules = [] }
        for index in awsPolicies.indices { awsPolicies[index].statements = [] }
        for index in azureRoles.indices { azureRoles[index].statements = [] }
    }

    public mutating func merge(_ other: IdentityModel) {
        kubernetes.merge(other.kubernetes)
        awsPolicies += other.awsPolicies
        gcpPolicies += other.gcpPolicies
        azureRoles += other.azureRoles
        directGrants += other.directGrants
        credentials += other.credentials
    }
}
