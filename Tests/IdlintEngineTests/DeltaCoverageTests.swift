import Foundation
import Testing
@testable import IdlintEngine

/// What the privilege delta must never hide: a narrowing undone, a grant copied into
/// another environment.
@Suite("Privilege delta coverage")
struct DeltaCoverageTests {
    static func role(_ names: String?) -> String {
        """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: {name: config-writer, namespace: app}
        rules:
          - apiGroups: [""]
            resources: [configmaps]
            verbs: [update, patch]
        \(names.map { "    resourceNames: [\($0)]" } ?? "")
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: {name: config-writer, namespace: app}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: config-writer}
        subjects: [{kind: ServiceAccount, name: web, namespace: app}]
        """
    }

    @Test("dropping resourceNames is a gain: named objects never cover every object")
    func namesDropped() {
        let comparison = compareInMemory(["rbac.yaml": Self.role("app-config")], ["rbac.yaml": Self.role(nil)])
        #expect(comparison.privilegeDelta.contains { $0.principal.name == "web" && !$0.gained.isEmpty }, "\(comparison.privilegeDelta.map(\.gained))")
        #expect(comparison.verdict != .pass)
        let narrowed = compareInMemory(["rbac.yaml": Self.role(nil)], ["rbac.yaml": Self.role("app-config")])
        #expect(narrowed.privilegeDelta.allSatisfy { $0.gained.isEmpty })
    }

    @Test("a dev grant copied into prod is a new grant in prod, not a copy of dev's")
    func copiedAcrossEnvironments() {
        let dev = ["overlays/dev/rbac.yaml": Self.role(nil)]
        let comparison = compareInMemory(dev, dev.merging(["overlays/prod/rbac.yaml": Self.role(nil)]) { $1 })
        let gain = comparison.privilegeDelta.first { !$0.gained.isEmpty }
        #expect(gain?.principal.environment == "prod", "\(comparison.privilegeDelta.map(\.principal))")
        #expect(comparison.verdict != .pass)
    }

    @Test("two Kustomize overlays with the same namespace and names: a patch in one widens that one's principal only")
    func overlayPatchStaysInItsOverlay() {
        let overlay = "resources:\n  - ../../base\n"
        let base = ["base/kustomization.yaml": "resources:\n  - rbac.yaml\n", "base/rbac.yaml": Self.role(nil),
                    "overlays/staging/kustomization.yaml": overlay, "overlays/production/kustomization.yaml": overlay]
        let patch = """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: {name: config-writer, namespace: app}
        rules:
          - apiGroups: [""]
            resources: [configmaps, secrets]
            verbs: [update, patch, get]
        """
        let head = base.merging(["overlays/production/kustomization.yaml": overlay + "patches:\n  - path: widen.yaml\n",
                                 "overlays/production/widen.yaml": patch]) { $1 }
        let comparison = compareInMemory(base, head)
        let principals = comparison.privilegeDelta.map(\.principal)
        #expect(principals.map(\.description) == ["ServiceAccount app/web [production]"], "\(principals)")
        #expect(comparison.privilegeDelta.first?.gained.contains { $0.resource == "secrets" } == true)
        #expect(comparison.verdict != .pass)
    }

    @Test("a module call flipped to admin = true: the calling root's role gains '*', named by its attachment; another policy by its ARN")
    func moduleCallAttachesAdmin() {
        let base = TerraformModuleCallTests.tree
        let prod = base["envs/prod/main.tf"]!
        let head = base.merging(["envs/dev/main.tf": base["envs/dev/main.tf"]!.replacingOccurrences(of: "admin  = false", with: "admin  = true")]) { $1 }
        let comparison = compareInMemory(base, head)
        #expect(comparison.privilegeDelta.map(\.principal.description) == ["Role reader [dev]"], "\(comparison.privilegeDelta.map(\.principal))")
        #expect(comparison.privilegeDelta.first?.gained.map(\.description) == ["* * wherever it is attached"])
        #expect(comparison.privilegeDelta.first?.grantedThrough.first?.contains("module.reader_role.aws_iam_role_policy_attachment.admin") == true)
        #expect(comparison.verdict == .block)

        let readOnly = prod.replacingOccurrences(of: "admin  = true", with: "admin  = false") + """
        resource "aws_iam_role_policy_attachment" "read" {
          role       = "auditor"
          policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
        }

        """
        let attached = compareInMemory(base, base.merging(["envs/prod/main.tf": readOnly]) { $1 })
        let descriptions = attached.privilegeDelta.map { "\($0.principal): +\($0.gained) -\($0.lost)" }
        #expect(attached.privilegeDelta.contains { $0.principal.description == "Role auditor [prod]" && $0.gained.map(\.description) == ["policy arn:aws:iam::aws:policy/ReadOnlyAccess attached"] }, "\(descriptions)")
        #expect(attached.privilegeDelta.contains { $0.principal.description == "Role deployer [prod]" && $0.gained.isEmpty && $0.lost.map(\.action) == ["*"] }, "\(descriptions)")
    }

    @Test("a managed policy listed on the identity itself is in the delta: CloudFormation and Terraform")
    func listedManagedPolicies() {
        let template = """
        AWSTemplateFormatVersion: "2010-09-09"
        Resources:
          Deployer:
            Type: AWS::IAM::Role
            Properties:
              RoleName: deployer
              AssumeRolePolicyDocument: {Version: "2012-10-17", Statement: [{Effect: Allow, Principal: {Service: ec2.amazonaws.com}, Action: "sts:AssumeRole"}]}
              ManagedPolicyArns: [arn:aws:iam::aws:policy/ReadOnlyAccess]
        """
        let widened = template.replacingOccurrences(of: "[arn:aws:iam::aws:policy/ReadOnlyAccess]",
                                                    with: "[arn:aws:iam::aws:policy/ReadOnlyAccess, arn:aws:iam::aws:policy/AdministratorAccess]")
        let cloudFormation = compareInMemory(["stack.yaml": template], ["stack.yaml": widened])
        let gains = cloudFormation.privilegeDelta.map { "\($0.principal): +\($0.gained.map(\.description))" }
        #expect(cloudFormation.privilegeDelta.contains { $0.principal.description == "Role deployer" && $0.gained.map(\.action) == ["*"] }, "\(gains)")
        #expect(cloudFormation.privilegeDelta.first?.grantedThrough.contains { $0.contains("AdministratorAccess") } == true)

        let terraform = """
        resource "aws_iam_role" "deployer" {
          name               = "deployer"
          assume_role_policy = jsonencode({Version = "2012-10-17", Statement = [{Effect = "Allow", Principal = {Service = "ec2.amazonaws.com"}, Action = "sts:AssumeRole"}]})
          managed_policy_arns = ["arn:aws:iam::aws:policy/ReadOnlyAccess"]
        }
        """
        let terraformWidened = terraform.replacingOccurrences(of: #"["arn:aws:iam::aws:policy/ReadOnlyAccess"]"#, with: #"["arn:aws:iam::aws:policy/IAMFullAccess"]"#)
        let hcl = compareInMemory(["main.tf": terraform], ["main.tf": terraformWidened])
        let hclGains = hcl.privilegeDelta.map { "\($0.principal): +\($0.gained.map(\.description)) -\($0.lost.map(\.description))" }
        #expect(hcl.privilegeDelta.contains { $0.principal.description == "Role deployer" && $0.gained.map(\.action) == ["iam:*"] && !$0.lost.isEmpty }, "\(hclGains)")
    }

    @Test("a CloudFormation policy resource that lists users: each user gains its statements, named as its own policies name it")
    func policyUsersList() {
        let template = """
        AWSTemplateFormatVersion: "2010-09-09"
        Resources:
          ReportingUser:
            Type: AWS::IAM::User
            Properties: {UserName: reporting}
          ReadReports:
            Type: AWS::IAM::Policy
            Properties:
              PolicyName: read-reports
              Groups: [readers]
              PolicyDocument: {Version: "2012-10-17", Statement: [{Effect: Allow, Action: "s3:GetObject", Resource: "arn:aws:s3:::reports/*"}]}
        """
        let listed = template.replacingOccurrences(of: "Groups: [readers]", with: "Groups: [readers]\n      Users: [!Ref ReportingUser, auditor]")
        let comparison = compareInMemory(["stack.yaml": template], ["stack.yaml": listed])
        let gains = comparison.privilegeDelta.filter { !$0.gained.isEmpty }.map { "\($0.principal)" }.sorted()
        #expect(gains == ["IAM identity auditor", "IAM identity reporting"], "\(gains)")
        #expect(comparison.privilegeDelta.allSatisfy { $0.lost.isEmpty })
        #expect(comparison.verdict != .pass)
        // Taking the users off again is a loss only.
        let removed = compareInMemory(["stack.yaml": listed], ["stack.yaml": template])
        #expect(removed.privilegeDelta.allSatisfy { $0.gained.isEmpty })
    }

    @Test("a Terraform attachment of a policy in the module: each user, role and group it names gains the policy's statements")
    func terraformAttachmentOfScannedPolicy() {
        let module = """
        resource "aws_iam_user" "reporting" {
          name = "reporting"
        }

        resource "aws_iam_policy" "read_reports" {
          name   = "read-reports"
          policy = jsonencode({Version = "2012-10-17", Statement = [{Effect = "Allow", Action = "s3:GetObject", Resource = "arn:aws:s3:::reports/*"}]})
        }
        """
        let attached = module + """

        resource "aws_iam_user_policy_attachment" "reporting" {
          user       = aws_iam_user.reporting.name
          policy_arn = aws_iam_policy.read_reports.arn
        }

        resource "aws_iam_policy_attachment" "read_reports" {
          name       = "read-reports"
          roles      = ["reporting-lambda"]
          policy_arn = aws_iam_policy.read_reports.arn
        }
        """
        let comparison = compareInMemory(["main.tf": module], ["main.tf": attached])
        func gainsGetObject(_ name: String) -> Bool {
            comparison.privilegeDelta.contains { $0.principal.name == name && $0.gained.contains { $0.action == "s3:GetObject" } }
        }
        #expect(gainsGetObject("reporting") && gainsGetObject("reporting-lambda"), "\(comparison.privilegeDelta.map { "\($0.principal): \($0.gained.map(\.description))" })")
    }

    @Test("an Azure PIM eligible role made a standing assignment is named as becoming standing")
    func pimEligibleToStanding() {
        let eligible = """
        resource "azurerm_pim_eligible_role_assignment" "ops" {
          scope              = "/subscriptions/0000/resourceGroups/prod"
          role_definition_id = "/subscriptions/0000/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635"
          principal_id       = "11111111-2222-3333-4444-555555555555"
          schedule {
            expiration { duration_hours = 8 }
          }
        }
        """
        let standing = """
        resource "azurerm_role_assignment" "ops" {
          scope              = "/subscriptions/0000/resourceGroups/prod"
          role_definition_id = "/subscriptions/0000/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635"
          principal_id       = "11111111-2222-3333-4444-555555555555"
        }
        """
        let comparison = compareInMemory(["main.tf": eligible], ["main.tf": standing])
        let entries = comparison.privilegeDelta.map { "\($0.principal): +\($0.gained) -\($0.lost) standing \($0.becameStanding)" }
        let delta = comparison.privilegeDelta.first { $0.principal.name == "11111111-2222-3333-4444-555555555555" }
        #expect(delta?.becameStanding.map(\.action) == ["8e3af657-a8ff-443c-a75c-2fe8c4bcb635"], "\(entries)")
        #expect(comparison.verdict != .pass)

        // The reverse, a standing role made eligible for eight hours at a time, gains
        // nothing standing: what it holds is time-bound, and says so.
        let narrowed = compareInMemory(["main.tf": standing], ["main.tf": eligible])
        #expect(narrowed.privilegeDelta.allSatisfy { $0.becameStanding.isEmpty && $0.gained.isEmpty })
        let held = compareInMemory([:], ["main.tf": eligible]).privilegeDelta.flatMap(\.gained)
        #expect(held.first?.conditions == [AzureAssignmentGrants.eligible, "\(AzureAssignmentGrants.expires) 8 hours"] && held.first?.isTimeBound == true,
                "\(held.map(\.description))")
    }

    @Test("an ARM eligibility schedule request is a time-bound holding that no standing-assignment rule reports")
    func armEligibility() throws {
        let template = """
        {
          "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
          "contentVersion": "1.0.0.0",
          "resources": [{
            "type": "Microsoft.Authorization/roleEligibilityScheduleRequests",
            "apiVersion": "2022-04-01-preview",
            "name": "ops-owner-eligible",
            "properties": {
              "principalId": "11111111-2222-3333-4444-555555555555",
              "principalType": "ServicePrincipal",
              "roleDefinitionId": "/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635",
              "requestType": "AdminAssign",
              "scheduleInfo": {"startDateTime": "2026-12-01T00:00:00Z", "expiration": {"type": "AfterDateTime", "endDateTime": "2027-03-01T00:00:00Z"}}
            }
          }]
        }
        """
        let held = compareInMemory([:], ["eligible.json": template]).privilegeDelta.flatMap(\.gained)
        let owner = try #require(held.first, "no privilege from the eligibility request")
        #expect(owner.isTimeBound && owner.conditions == [AzureAssignmentGrants.eligible, "\(AzureAssignmentGrants.expires) 2027-03-01T00:00:00Z"], "\(owner.conditions)")
        let result = scan(["eligible.json": template])
        #expect(result.statistics.objectsByKind["azure.role-eligibility"] == 1)
        #expect(result.activeFindings.filter { $0.ruleID.hasPrefix("AZURE-") }.isEmpty, "\(result.activeFindings.map(\.ruleID))")
    }

    @Test("an OAuth client that gains a redirect URI or a grant type shows it as a gain of trust; losing them narrows")
    func oauthClientTrust() {
        let client = """
        {"client_id": "billing-web", "client_name": "Billing", "redirect_uris": ["https://billing.acme.example/callback"],
         "grant_types": ["authorization_code"], "token_endpoint_auth_method": "private_key_jwt"}
        """
        let widened = client.replacingOccurrences(of: #"["https://billing.acme.example/callback"]"#,
                                                  with: #"["https://billing.acme.example/callback", "https://billing-preview.example.net/cb"]"#)
            .replacingOccurrences(of: #"["authorization_code"]"#, with: #"["authorization_code", "password"]"#)
        let comparison = compareInMemory(["clients/billing.json": client], ["clients/billing.json": widened])
        let delta = comparison.privilegeDelta.first { $0.principal.description.contains("OAuth client billing-web") }
        #expect(delta?.gained.map(\.resource).sorted() == ["https://billing-preview.example.net/cb", "password"],
                "\(comparison.privilegeDelta.map { "\($0.principal): \($0.gained)" })")
        #expect(comparison.verdict != .pass)
        let narrowed = compareInMemory(["clients/billing.json": widened], ["clients/billing.json": client])
        #expect(narrowed.privilegeDelta.allSatisfy { $0.gained.isEmpty } && narrowed.privilegeDelta.first?.lost.count == 2)
    }

    @Test("a SAML service provider that gains an assertion consumer endpoint, or an IdP a signing key, shows it in the delta")
    func samlTrust() {
        let metadata = """
        <EntityDescriptor xmlns="urn:oasis:names:tc:SAML:2.0:metadata" entityID="https://crm.acme.example/sp">
          <SPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol" WantAssertionsSigned="true">
            <AssertionConsumerService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="https://crm.acme.example/saml/acs" index="0"/>
          </SPSSODescriptor>
        </EntityDescriptor>
        """
        let widened = metadata.replacingOccurrences(of: #"index="0"/>"#, with: """
        index="0"/>
            <AssertionConsumerService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="https://crm-test.vendor.example/acs" index="1"/>
        """)
        let comparison = compareInMemory(["saml/crm-sp.xml": metadata], ["saml/crm-sp.xml": widened])
        let delta = comparison.privilegeDelta.first { $0.principal.description == "SAML service provider https://crm.acme.example/sp" }
        #expect(delta?.gained.map(\.resource) == ["https://crm-test.vendor.example/acs"], "\(comparison.privilegeDelta.map { "\($0.principal): \($0.gained)" })")
        #expect(delta?.lost.isEmpty == true)
        #expect(comparison.verdict != .pass)
    }
}
