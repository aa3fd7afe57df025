import IdlintSyntax

/// A CloudFormation template (YAML with `!Ref`-style tags, or JSON): the policy
/// documents inside its IAM and resource-policy resources, its IAM access keys and its
/// service control policies, each named after the logical resource that holds it.
/// Policies keep their resource's properties, where a role's permission boundary is.
public struct CloudFormationRecognizer: DocumentRecognizer {
    public static let producedKinds: [DocumentKind] = [.awsPolicy, .awsTrustPolicy, .awsAccessKey, .awsIdentity, .awsPolicyAttachment, .awsServiceControlPolicy, .awsLambdaPermission]

    public init() {}

    /// Where each resource type keeps its policy documents.
    static let policyProperties: [String: [String]] = [
        "AWS::IAM::Role": ["AssumeRolePolicyDocument", "Policies"],
        "AWS::IAM::User": ["Policies"],
        "AWS::IAM::Group": ["Policies"],
        "AWS::IAM::Policy": ["PolicyDocument"],
        "AWS::IAM::ManagedPolicy": ["PolicyDocument"],
        "AWS::IAM::RolePolicy": ["PolicyDocument"],
        "AWS::IAM::UserPolicy": ["PolicyDocument"],
        "AWS::IAM::GroupPolicy": ["PolicyDocument"],
        "AWS::ECR::Repository": ["RepositoryPolicyText"],
        "AWS::S3::BucketPolicy": ["PolicyDocument"],
        "AWS::SQS::QueuePolicy": ["PolicyDocument"],
        "AWS::SNS::TopicPolicy": ["PolicyDocument"],
        "AWS::KMS::Key": ["KeyPolicy"],
        "AWS::SecretsManager::ResourcePolicy": ["ResourcePolicy"],
        // Resource policies of other services, and SSO's inline policy of a permission set.
        "AWS::OpenSearchService::Domain": ["AccessPolicies"],
        "AWS::Elasticsearch::Domain": ["AccessPolicies"],
        "AWS::ApiGateway::RestApi": ["Policy"],
        "AWS::EFS::FileSystem": ["FileSystemPolicy"],
        "AWS::IoT::Policy": ["PolicyDocument"],
        "AWS::Logs::Destination": ["DestinationPolicy"],
        "AWS::Logs::ResourcePolicy": ["PolicyDocument"],
        "AWS::SSO::PermissionSet": ["InlinePolicy"],
        // Read for its service control policies, which limit accounts and grant nothing.
        "AWS::Organizations::Policy": ["Content"],
    ]

    public func recognize(_ document: Document, problems: inout [Diagnostic]) -> [RecognizedObject]? {
        let root = document.root
        guard root.isMapping, let resources = root["Resources"], resources.isMapping else { return nil }
        var isTemplate = root["AWSTemplateFormatVersion"] != nil
        var objects: [RecognizedObject] = []
        resources.forEachEntry { key, resource in
            guard let type = resource.string("Type") else { return true }
            if type.hasPrefix("AWS::") { isTemplate = true }
            let logicalID = key.text
            if type == "AWS::Lambda::Permission", let properties = resource["Properties"], properties.isMapping {
                objects.append(RecognizedObject(kind: .awsLambdaPermission, node: properties, platform: .aws, name: logicalID))
                return true
            }
            if type == "AWS::IAM::AccessKey" {
                objects.append(RecognizedObject(kind: .awsAccessKey, node: resource, platform: .aws, name: logicalID))
            }
            if type == "AWS::IAM::Role" || type == "AWS::IAM::User" || type == "AWS::IAM::Group" {
                // The identity itself, for what is attached to it (ManagedPolicyArns).
                objects.append(RecognizedObject(kind: .awsIdentity, node: resource, platform: .aws, name: logicalID))
            }
            guard let properties = resource["Properties"], let names = Self.policyProperties[type] else { return true }
            var owner = (node: properties, isIdentity: type == "AWS::IAM::Role" || type == "AWS::IAM::User")
            // A RolePolicy or UserPolicy belongs to the role or user of this template it
            // names: judged with that identity's other policies, under its boundary, and
            // named after it as its own inline policies are.
            var name = logicalID
            if let identity = Self.namedIdentity(of: type, properties, in: resources) {
                owner = (identity.node, true)
                name = "\(identity.logicalID)/\(logicalID)"
            }
            // A policy resource that names its holders is attached to each of them: the
            // resource itself is the attachment (as Terraform's attachment resources are).
            let attachedTo = Self.attachedIdentities(of: type, properties, in: resources)
            if !attachedTo.isEmpty {
                objects.append(RecognizedObject(kind: .awsPolicyAttachment, node: resource, platform: .aws, name: logicalID))
            }
            func owned(_ object: RecognizedObject) -> RecognizedObject {
                var object = object
                object.owner = owner.node
                object.ownerIsIdentity = owner.isIdentity
                object.attachedTo = attachedTo
                object.attachedInline = type == "AWS::IAM::Policy"
                return object
            }
            if type == "AWS::Organizations::Policy" {
                if properties.string("Type") == "SERVICE_CONTROL_POLICY", let content = properties["Content"].flatMap({ Self.document($0, problems: &problems) }) {
                    objects.append(RecognizedObject(kind: .awsServiceControlPolicy, node: content, platform: .aws, name: logicalID))
                }
                return true
            }
            for property in names {
                guard let value = properties[property] else { continue }
                if property == "Policies" {
                    value.forEachElement { entry in
                        let policyName = entry.string("PolicyName") ?? "inline"
                        if let document = entry["PolicyDocument"].flatMap({ Self.document($0, problems: &problems) }), let object = AWSPolicyRecognizer.policy(document, name: "\(logicalID)/\(policyName)", mayBeTrust: false) {
                            objects.append(owned(object))
                        }
                        return true
                    }
                } else if let document = Self.document(value, problems: &problems), let object = AWSPolicyRecognizer.policy(document, name: property == "AssumeRolePolicyDocument" ? "\(logicalID)/trust" : name,
                                                                  mayBeTrust: property == "AssumeRolePolicyDocument") {
                    objects.append(owned(object))
                }
            }
            return true
        }
        return isTemplate ? objects : nil
    }

    /// The role or user of the template that a RolePolicy or UserPolicy names, by
    /// `!Ref`, `{"Ref": ...}` or the RoleName/UserName it is created with: its logical id
    /// and its settings (the resource itself when it has no Properties).
    static func namedIdentity(of type: String, _ properties: Node, in resources: Node) -> (logicalID: String, node: Node)? {
        let key: String, identityType: String
        switch type {
        case "AWS::IAM::RolePolicy": (key, identityType) = ("RoleName", "AWS::IAM::Role")
        case "AWS::IAM::UserPolicy": (key, identityType) = ("UserName", "AWS::IAM::User")
        default: return nil
        }
        guard let value = properties[key] else { return nil }
        let reference = value.isMapping ? value.string("Ref") : (value.tag == "!Ref" ? value.text : nil)
        let literal = value.isScalar && value.tag == nil && !value.isNull ? value.text : nil
        var found: (String, Node)?
        resources.forEachEntry { id, resource in
            guard resource.string("Type") == identityType else { return true }
            let settings = resource["Properties"]
            if id.text == reference || (literal != nil && settings?.string(key) == literal) {
                found = (id.text, settings ?? resource)
                return false
            }
            return true
        }
        return found
    }

    /// The users, groups and roles a policy resource lists (`Users`, `Groups`, `Roles`),
    /// each named as its own inline policies name it: a `!Ref` (or `{"Ref": ...}`) to an
    /// identity of this template by that identity's UserName, GroupName or RoleName, else
    /// its logical id; a literal by itself. An expression idlint cannot evaluate (`!Sub`,
    /// `!ImportValue`, `!GetAtt`) is a holder named by its expression (`role (from
    /// !ImportValue ci-stack-RoleName)`): someone holds the policy, and leaving them out
    /// would let a change that hands an admin policy to an imported role pass unseen.
    static func attachedIdentities(of type: String, _ properties: Node, in resources: Node) -> [SubjectRef] {
        guard type == "AWS::IAM::Policy" || type == "AWS::IAM::ManagedPolicy" else { return [] }
        let lists = [("Users", "AWS::IAM::User", "UserName", AWSPolicy.userOwnerKind), ("Groups", "AWS::IAM::Group", "GroupName", "Group"),
                     ("Roles", "AWS::IAM::Role", "RoleName", "Role")]
        var found: [SubjectRef] = []
        for (property, identityType, nameKey, kind) in lists {
            guard let list = properties[property], list.isSequence else { continue }
            for entry in list.elements {
                let reference = entry.isMapping ? entry.string("Ref") : (entry.tag == "!Ref" ? entry.text : nil)
                let name: String
                if let reference {
                    let resource = resources[reference]
                    let isIdentity = resource?.string("Type") == identityType
                    name = (isIdentity ? resource?["Properties"]?.string(nameKey) : nil) ?? reference
                } else if entry.isScalar, entry.tag == nil, !entry.isNull, !entry.text.isEmpty {
                    name = entry.text
                } else if entry.isNull || (entry.isScalar && entry.tag == nil) {
                    continue
                } else {
                    name = "\(property.dropLast().lowercased()) (from \(CloudFormationExpression.text(of: entry)))"
                }
                found.append(SubjectRef(principal: PrincipalRef(platform: .aws, kind: kind, name: name), location: entry.location))
            }
        }
        return found
    }

    /// A policy property as a tree: a mapping as written, or a policy written as JSON text
    /// in a string (`PolicyDocument: '{"Version": ...}'`), parsed in place, its findings on
    /// the string; JSON text that does not parse is an input error. `!Sub` text is read
    /// the same way, its `${...}` placeholders unknown (`CloudFormationSub`).
    static func document(_ value: Node, problems: inout [Diagnostic]) -> Node? {
        EmbeddedPolicyText.tree(value, encoding: .jsonIfItLooksLikeIt, problems: &problems)
    }
}
