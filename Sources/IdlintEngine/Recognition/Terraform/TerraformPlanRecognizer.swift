import IdlintSyntax

/// A Terraform plan as `terraform show -json` writes it: IAM policies held as JSON
/// strings in resource values are parsed, and their findings placed on the string;
/// IAM access keys are recognised as static credentials. Named by resource address.
public struct TerraformPlanRecognizer: DocumentRecognizer {
    /// What a plan's resources are read as; a module's `.tf` files (`TerraformModule`) give
    /// these too, and the Kubernetes, Keycloak and Entra kinds of those recognisers.
    public static let producedKinds: [DocumentKind] = [
        .awsPolicy, .awsTrustPolicy, .awsAccessKey, .awsPolicyAttachment, .awsIdentity, .awsOIDCProvider, .awsServiceControlPolicy, .awsLoginProfile, .awsLambdaPermission, .gcpLegacyACL,
        .gcpPolicy, .gcpMember, .gcpServiceAccountKeyResource, .gcpWorkloadIdentityProvider, .gcpComputeInstance, .gcpNodePool, .gcpServerlessService,
        .azureRoleDefinition, .azureRoleAssignment, .azureRoleEligibility,
        .gitlabJobTokenScope,
    ]

    public init() {}

    /// Resource types and the attributes that hold policy JSON.
    static let policyAttributes: [String: [String]] = [
        "aws_iam_policy": ["policy"],
        "aws_iam_role_policy": ["policy"],
        "aws_iam_user_policy": ["policy"],
        "aws_iam_group_policy": ["policy"],
        "aws_iam_role": ["assume_role_policy", "inline_policy"],
        "aws_s3_bucket_policy": ["policy"],
        "aws_kms_key": ["policy"],
        "aws_sqs_queue_policy": ["policy"],
        "aws_secretsmanager_secret_policy": ["policy"],
        "aws_sns_topic_policy": ["policy"],
        "aws_ecr_repository_policy": ["policy"],
        // Resource policies of other services, and SSO's inline policy of a permission set.
        "aws_opensearch_domain": ["access_policies"],
        "aws_opensearch_domain_policy": ["access_policies"],
        "aws_elasticsearch_domain": ["access_policies"],
        "aws_elasticsearch_domain_policy": ["access_policies"],
        "aws_api_gateway_rest_api": ["policy"],
        "aws_api_gateway_rest_api_policy": ["policy"],
        "aws_efs_file_system_policy": ["policy"],
        "aws_iot_policy": ["policy"],
        "aws_glue_resource_policy": ["policy"],
        "aws_ses_identity_policy": ["policy"],
        "aws_cloudwatch_log_destination_policy": ["access_policy"],
        "aws_cloudwatch_log_resource_policy": ["policy_document"],
        "aws_ssoadmin_permission_set_inline_policy": ["inline_policy"],
    ]

    /// Resources that attach a managed policy (by ARN) to a role, user or group.
    static let attachmentTypes: Set<String> = [
        "aws_iam_role_policy_attachment", "aws_iam_user_policy_attachment", "aws_iam_group_policy_attachment", "aws_iam_policy_attachment",
    ]

    public func recognize(_ document: Document, problems: inout [Diagnostic]) -> [RecognizedObject]? {
        let root = document.root
        guard root.isMapping, root["format_version"] != nil, let planned = root["planned_values"]?["root_module"] else { return nil }
        var resources: [Node] = []
        var modules = [planned]
        var visited = 0
        while let module = modules.popLast(), visited < 10_000 {
            visited += 1
            module["resources"]?.forEachElement { resource in
                resources.append(resource)
                return true
            }
            module["child_modules"]?.forEachElement { child in
                modules.append(child)
                return true
            }
        }
        let listed = resources.compactMap { resource -> Resource? in
            guard let type = resource.string("type"), let values = resource["values"] else { return nil }
            return Resource(type: type, address: resource.string("address") ?? type, values: values, node: resource)
        }
        var identities: [String: Node] = [:]
        for resource in listed where resource.type == "aws_iam_role" || resource.type == "aws_iam_user" {
            identities[resource.address] = resource.values
            if let name = resource.values.string("name") { identities[resource.type + "/" + name] = resource.values }
        }
        // A plan writes every policy as JSON text; one that does not parse is an input error.
        return Self.objects(of: listed, identities: identities) { EmbeddedPolicyText.tree($0, encoding: .jsonIfItLooksLikeIt, problems: &problems) }
    }

    /// A resource of a plan, or a `resource` block of a `.tf` file: its type, address,
    /// attribute values (evaluated, for HCL) and the attributes as written, and the node
    /// a resource-level finding is reported on.
    struct Resource {
        var type: String
        var address: String
        var values: Node
        var source: Node
        var node: Node

        init(type: String, address: String, values: Node, node: Node) {
            self.type = type
            self.address = address
            self.values = values
            source = values
            self.node = node
        }
    }

    /// The identity objects of a module's resources. A role's or user's inline policies
    /// may be separate resources that name it: `identities` holds each by address and by
    /// `type/name`. `policyTree` reads a policy attribute as written into its tree.
    static func objects(of resources: [Resource], identities: [String: Node], policyTree: (Node) -> Node?) -> [RecognizedObject] {
        var objects: [RecognizedObject] = []
        let holders = attachmentHolders(resources, identities: identities)
        for resource in resources {
            collect(resource, identities: identities, policyTree: policyTree, attachedTo: holders[resource.address] ?? [], into: &objects)
        }
        return objects
    }

    /// The roles, users and groups each `aws_iam_policy` of the module is attached to by
    /// an attachment resource that names it (`policy_arn = aws_iam_policy.x.arn` in HCL,
    /// the policy's own `arn` in a plan), so that they hold its statements, as the users a
    /// CloudFormation managed policy lists do. Holders are named as the attachment's own
    /// grant names them (`AWSAttachmentGrants.holders`).
    private static func attachmentHolders(_ resources: [Resource], identities: [String: Node]) -> [String: [SubjectRef]] {
        var policyByARN: [String: String] = [:]
        for resource in resources where resource.type == "aws_iam_policy" {
            if let arn = resource.values["arn"], arn.isScalar, !arn.isNull, !arn.isUnevaluated { policyByARN[arn.text] = resource.address }
        }
        var holders: [String: [SubjectRef]] = [:]
        for resource in resources where attachmentTypes.contains(resource.type) {
            guard let arn = resource.values["policy_arn"], arn.isScalar, !arn.isNull else { continue }
            let policy: String?
            if arn.isUnevaluated {
                let parts = arn.text.split(separator: ".")
                policy = parts.count == 3 && parts[0] == "aws_iam_policy" && (parts[2] == "arn" || parts[2] == "id") ? "aws_iam_policy.\(parts[1])" : nil
            } else {
                policy = policyByARN[arn.text]
            }
            guard let policy else { continue }
            var attachment = RecognizedObject(kind: .awsPolicyAttachment, node: resource.values, platform: .aws, name: resource.address)
            attachment.owner = owner(of: resource.type, resource.values, identities)?.node
            holders[policy, default: []] += AWSAttachmentGrants.holders(of: attachment).map { SubjectRef(principal: $0, location: resource.values.location) }
        }
        return holders
    }

    /// The values of the role or user that a policy resource or a policy attachment belongs to, if it is one:
    /// named by its name (a plan's resolved values) or, in HCL, by a reference to its
    /// address (`aws_iam_role.ci.name`), which is exact, not a guess.
    private static func owner(of type: String, _ values: Node, _ identities: [String: Node]) -> (node: Node, isIdentity: Bool)? {
        func identity(_ key: String, _ kind: String) -> Node? {
            guard let named = values[key], named.isScalar else { return nil }
            if named.isUnevaluated {
                let parts = named.text.split(separator: ".")
                guard parts.count == 3, parts[0] == kind, parts[2] == "name" || parts[2] == "id" else { return nil }
                return identities["\(kind).\(parts[1])"]
            }
            return identities[kind + "/" + named.text]
        }
        switch type {
        case "aws_iam_role": return (values, true)
        case "aws_iam_role_policy", "aws_iam_role_policy_attachment": return identity("role", "aws_iam_role").map { ($0, true) }
        case "aws_iam_user_policy", "aws_iam_user_policy_attachment": return identity("user", "aws_iam_user").map { ($0, true) }
        case "aws_iam_policy": return (values, false)
        default: return nil
        }
    }

    private static func collect(_ resource: Resource, identities: [String: Node], policyTree: (Node) -> Node?, attachedTo: [SubjectRef],
                                into objects: inout [RecognizedObject]) {
        let type = resource.type, address = resource.address, values = resource.values
        if type == "aws_iam_access_key" {
            objects.append(RecognizedObject(kind: .awsAccessKey, node: resource.node, platform: .aws, name: address))
            return
        }
        if Self.attachmentTypes.contains(type) {
            // The role or user it names, resolved as an inline policy's is, holds the policy.
            var object = RecognizedObject(kind: .awsPolicyAttachment, node: values, platform: .aws, name: address)
            if let owner = Self.owner(of: type, values, identities) {
                object.owner = owner.node
                object.ownerIsIdentity = owner.isIdentity
            }
            objects.append(object)
            return
        }
        if type == "aws_iam_role" || type == "aws_iam_user" || type == "aws_iam_group" {
            // The identity itself, for what is attached to it (managed_policy_arns); its
            // inline and trust policies are read below.
            objects.append(RecognizedObject(kind: .awsIdentity, node: values, platform: .aws, name: address))
        }
        switch type {
        case "google_service_account_key":
            objects.append(RecognizedObject(kind: .gcpServiceAccountKeyResource, node: resource.node, platform: .gcp, name: address))
            return
        case "google_storage_bucket_acl", "google_storage_default_object_acl", "google_storage_object_acl",
             "google_bigquery_dataset", "google_bigquery_dataset_access":
            objects.append(RecognizedObject(kind: .gcpLegacyACL, node: values, platform: .gcp, name: address))
            return
        case "aws_lambda_permission":
            objects.append(RecognizedObject(kind: .awsLambdaPermission, node: values, platform: .aws, name: address))
            return
        case "aws_iam_user_login_profile":
            // A console password Terraform generates and keeps in state.
            objects.append(RecognizedObject(kind: .awsLoginProfile, node: values, platform: .aws, name: address))
            return
        case "aws_iam_openid_connect_provider":
            // An identity provider AWS roles may trust: a change to it changes trust.
            objects.append(RecognizedObject(kind: .awsOIDCProvider, node: values, platform: .aws, name: address))
            return
        case "google_compute_instance", "google_compute_instance_template", "google_compute_region_instance_template", "google_compute_instance_from_template":
            // The code on the VM gets the attached account's tokens from the metadata server.
            objects.append(RecognizedObject(kind: .gcpComputeInstance, node: values, platform: .gcp, name: address))
            return
        case "google_container_node_pool", "google_container_cluster":
            // A cluster's own node_config is its default pool's; the pools it declares
            // inline (`node_pool {}`, a list in a plan) are pools of their own.
            objects.append(RecognizedObject(kind: .gcpNodePool, node: values, platform: .gcp, name: address))
            let inline = values["node_pool"].map { $0.isSequence ? $0.elements : values.values("node_pool") } ?? []
            for (index, pool) in inline.enumerated() where pool.isMapping {
                objects.append(RecognizedObject(kind: .gcpNodePool, node: pool, platform: .gcp, name: "\(address).node_pool[\(pool.string("name").map { "\"\($0)\"" } ?? String(index))]"))
            }
            return
        case "google_cloud_run_service", "google_cloud_run_v2_service", "google_cloudfunctions_function", "google_cloudfunctions2_function":
            objects.append(RecognizedObject(kind: .gcpServerlessService, node: values, platform: .gcp, name: address))
            return
        case "google_iam_workload_identity_pool_provider":
            objects.append(RecognizedObject(kind: .gcpWorkloadIdentityProvider, node: values, platform: .gcp, name: address))
            return
        case "gitlab_project_job_token_scope", "gitlab_project_job_token_scopes":
            // Which other projects' CI jobs may use their job token on this project.
            objects.append(RecognizedObject(kind: .gitlabJobTokenScope, node: values, platform: .gitlab, name: address))
            return
        case "azurerm_role_definition":
            objects.append(RecognizedObject(kind: .azureRoleDefinition, node: values, platform: .azure, name: values.string("name") ?? address))
            return
        case "azurerm_role_assignment", "azurerm_pim_active_role_assignment":
            objects.append(RecognizedObject(kind: .azureRoleAssignment, node: values, platform: .azure, name: address))
            return
        case "azurerm_pim_eligible_role_assignment":
            objects.append(RecognizedObject(kind: .azureRoleEligibility, node: values, platform: .azure, name: address))
            return
        case "aws_organizations_policy":
            // Service control policies limit accounts and grant nothing.
            if values.string("type") == "SERVICE_CONTROL_POLICY", let content = resource.source["content"], let document = policyTree(content), document["Statement"] != nil {
                objects.append(RecognizedObject(kind: .awsServiceControlPolicy, node: document, platform: .aws, name: address))
            }
            return
        default:
            break
        }
        // google_<resource>_iam_member and _iam_binding: a role given to members.
        if type.hasPrefix("google_"), type.hasSuffix("_iam_member") || type.hasSuffix("_iam_binding") {
            objects.append(RecognizedObject(kind: .gcpMember, node: values, platform: .gcp, name: address))
            return
        }
        // google_<resource>_iam_policy: a whole policy as a JSON string.
        if type.hasPrefix("google_"), type.hasSuffix("_iam_policy"), let data = resource.source["policy_data"], let document = policyTree(data),
           document["bindings"] != nil {
            var object = RecognizedObject(kind: .gcpPolicy, node: document, platform: .gcp, name: address)
            object.owner = values
            objects.append(object)
            return
        }
        let owner = Self.owner(of: type, values, identities)
        func owned(_ object: RecognizedObject) -> RecognizedObject {
            var object = object
            object.owner = owner?.node
            object.ownerIsIdentity = owner?.isIdentity ?? false
            object.attachedTo = attachedTo
            return object
        }
        // Policies are read from the attributes as written, so that a policy document
        // data source in another file keeps its own places.
        func embedded(_ value: Node, name: String, mayBeTrust: Bool = false) -> RecognizedObject? {
            policyTree(value).flatMap { AWSPolicyRecognizer.policy($0, name: name, mayBeTrust: mayBeTrust) }
        }
        for attribute in Self.policyAttributes[type] ?? [] {
            guard let value = resource.source[attribute] else { continue }
            if type == "aws_iam_role", attribute == "inline_policy" {
                // A plan lists a role's inline policies; HCL repeats the block. (SSO's
                // `inline_policy` is the document itself.)
                let blocks = value.isSequence ? value.elements : resource.source.values(attribute)
                for inline in blocks {
                    if let text = inline["policy"], let object = embedded(text, name: "\(address)/\(inline.string("name") ?? "inline")") {
                        objects.append(owned(object))
                    }
                }
            } else if let object = embedded(value, name: attribute == "assume_role_policy" ? "\(address)/trust" : address, mayBeTrust: attribute == "assume_role_policy") {
                objects.append(owned(object))
            }
        }
    }
}
