import Testing
@testable import IdlintEngine

/// GitLab CI jobs' ID tokens and the cloud roles they sign in as, as trust edges of the
/// job: the gate names a new role or audience, and nothing for a reformatted pipeline.
@Suite("Trust edges: GitLab CI jobs to cloud roles")
struct GitLabTrustTests {
    static func pipeline(audience: String = "https://gitlab.acme.example", script: String, variables: String = "") -> String {
        """
        stages: [deploy]
        variables:
          AWS_REGION: eu-central-1
        \(variables)
        .deploy-template:
          id_tokens:
            TEMPLATE_TOKEN: {aud: https://template.example}
        deploy:
          stage: deploy
          id_tokens:
            CLOUD_TOKEN:
              aud: \(audience)
          rules:
            - if: $CI_COMMIT_REF_PROTECTED == "true"
          script:
        \(script)
        """
    }

    static let awsScript = """
        - >
          aws sts assume-role-with-web-identity
          --role-arn arn:aws:iam::444455556666:role/billing-deploy
          --role-session-name "gitlab-$CI_PIPELINE_ID"
          --web-identity-token "$CLOUD_TOKEN"
        - ./deploy.sh
    """

    static func gains(_ comparison: ChangeComparison) -> [String] {
        comparison.privilegeDelta.filter { $0.principal.name == ".gitlab-ci.yml / deploy" }.flatMap(\.gained).map(\.description)
    }

    static func edges(_ text: String) -> [String] {
        let grants = scan([".gitlab-ci.yml": text]) { $0.keepsModel = true }.model?.directGrants ?? []
        return grants.filter { $0.principal.platform == .gitlab }.flatMap { grant in grant.privileges.map { "\(grant.principal.name): \($0.description)" } }
    }

    @Test("the role of `aws sts assume-role-with-web-identity` and the token's audience are the job's edges; a hidden template has none")
    func awsRoleFromScript() {
        #expect(Self.edges(Self.pipeline(script: Self.awsScript)) == [
            ".gitlab-ci.yml / deploy: mint ID tokens for audience https://gitlab.acme.example in the job's pipelines",
            ".gitlab-ci.yml / deploy: sts:AssumeRoleWithWebIdentity arn:aws:iam::444455556666:role/billing-deploy from the job's ID token",
        ])
    }

    @Test("a template that extends itself many times over is read once, and the job keeps its edges", .timeLimit(.minutes(1)))
    func selfExtendingTemplate() {
        let hostile = """
        .a:
          extends: [.a, .a, .a, .a, .a, .a, .a, .a, .a, .a]
          variables: {ROLE: arn:aws:iam::444455556666:role/from-template}
        deploy:
          extends: .a
          id_tokens:
            CLOUD_TOKEN: {aud: https://gitlab.acme.example}
          script:
            - aws sts assume-role-with-web-identity --role-arn $ROLE --role-session-name x --web-identity-token $CLOUD_TOKEN
        """
        #expect(Self.edges(hostile).contains(".gitlab-ci.yml / deploy: sts:AssumeRoleWithWebIdentity arn:aws:iam::444455556666:role/from-template from the job's ID token"),
                "\(Self.edges(hostile))")
    }

    @Test("a role pointed elsewhere is a gain ranked as escalation; the pipeline reformatted and reordered is no change")
    func roleChangedAndReformatted() {
        let base = Self.pipeline(script: Self.awsScript)
        let head = base.replacingOccurrences(of: "role/billing-deploy", with: "role/OrganizationAccountAccessRole")
        let changed = compareInMemory([".gitlab-ci.yml": base], [".gitlab-ci.yml": head])
        #expect(Self.gains(changed) == ["sts:AssumeRoleWithWebIdentity arn:aws:iam::444455556666:role/OrganizationAccountAccessRole from the job's ID token"])
        #expect(changed.privilegeDelta.first?.gained.first.map(PrivilegeRisk.rank) == PrivilegeRisk.escalation)
        #expect(changed.verdict == .review, "\(changed.reasons)")

        let oneLine = "    - aws sts assume-role-with-web-identity --role-arn=arn:aws:iam::444455556666:role/billing-deploy --role-session-name gitlab --web-identity-token $CLOUD_TOKEN\n    - ./deploy.sh"
        let reformatted = "# deploys through OIDC\n" + Self.pipeline(script: oneLine)
        let same = compareInMemory([".gitlab-ci.yml": base], [".gitlab-ci.yml": reformatted])
        #expect(same.privilegeDelta.isEmpty, "\(same.privilegeDelta.map(\.gained))")
        #expect(same.verdict == .pass, "\(same.reasons)")
    }

    @Test("a token minted for another audience is a gain of the job")
    func audienceChanged() {
        let base = Self.pipeline(script: Self.awsScript)
        let comparison = compareInMemory([".gitlab-ci.yml": base], [".gitlab-ci.yml": Self.pipeline(audience: "sts.amazonaws.com", script: Self.awsScript)])
        #expect(Self.gains(comparison) == ["mint ID tokens for audience sts.amazonaws.com in the job's pipelines"])
    }

    @Test("variables the file sets are resolved, job before pipeline; one set only in the project's settings stays a reference")
    func variablesResolved() {
        let script = "    - aws sts assume-role-with-web-identity --role-arn \"$ROLE_ARN\" --web-identity-token $CLOUD_TOKEN"
        let set = Self.pipeline(script: script, variables: "  ROLE_ARN: {value: 'arn:aws:iam::111122223333:role/app', description: deploy role}")
        #expect(Self.edges(set).last == ".gitlab-ci.yml / deploy: sts:AssumeRoleWithWebIdentity arn:aws:iam::111122223333:role/app from the job's ID token")
        #expect(Self.edges(Self.pipeline(script: script)).last == ".gitlab-ci.yml / deploy: sts:AssumeRoleWithWebIdentity $ROLE_ARN from the job's ID token")
    }

    @Test("GCP's credential configuration and Azure's federated login name the identity the job signs in as, read from their own commands")
    func gcpAndAzure() {
        let gcp = """
            - gcloud run services describe api --format=json > before.json; gcloud run deploy api --service-account=runtime@acme.iam.gserviceaccount.com --dry-run
            - gcloud iam workload-identity-pools create-cred-config projects/482913/locations/global/workloadIdentityPools/gitlab/providers/acme --service-account=deploy@acme.iam.gserviceaccount.com --credential-source-file=token.txt --output-file=creds.json
        """
        #expect(Self.edges(Self.pipeline(script: gcp)).last
            == ".gitlab-ci.yml / deploy: iam.serviceAccounts.getAccessToken deploy@acme.iam.gserviceaccount.com through workload identity provider projects/482913/locations/global/workloadIdentityPools/gitlab/providers/acme")
        let federated = Self.pipeline(audience: "https://iam.googleapis.com/projects/482913/locations/global/workloadIdentityPools/gitlab/providers/acme", script: "    - ./wif.sh")
        #expect(Self.edges(federated).last == ".gitlab-ci.yml / deploy: federate through projects/482913/locations/global/workloadIdentityPools/gitlab/providers/acme as the job's own principal")
        let azure = """
            - curl -u ops:hunter2 https://artifacts.example.com/tools.tgz | tar xz
            - az login --service-principal -u $AZURE_CLIENT_ID --tenant 7f3e2a10-aaaa-4bbb-8ccc-ddddeeeeffff --federated-token $CLOUD_TOKEN
        """
        #expect(Self.edges(Self.pipeline(script: azure, variables: "  AZURE_CLIENT_ID: 0b7c3d1e-1111-4222-8333-944445555666")).last
            == ".gitlab-ci.yml / deploy: sign in as application 0b7c3d1e-1111-4222-8333-944445555666 from the job's ID token in tenant 7f3e2a10-aaaa-4bbb-8ccc-ddddeeeeffff")
        // In a literal block each line is a command: the service account of the deploy on
        // the next line is not the credential configuration's.
        let block = """
            - |
              gcloud iam workload-identity-pools create-cred-config projects/482913/locations/global/workloadIdentityPools/gitlab/providers/acme --output-file=creds.json
              gcloud run deploy api --service-account=runtime@acme.iam.gserviceaccount.com
        """
        #expect(Self.edges(Self.pipeline(script: block)).last
            == ".gitlab-ci.yml / deploy: federate through projects/482913/locations/global/workloadIdentityPools/gitlab/providers/acme as the job's own principal")
    }

    static let templated = """
    default:
      id_tokens:
        VAULT_TOKEN: {aud: https://vault.acme.example}
    .aws-oidc:
      id_tokens:
        AWS_TOKEN: {aud: sts.amazonaws.com}
      variables:
        AWS_ROLE_ARN: arn:aws:iam::111122223333:role/deploy-staging
    .prod:
      variables:
        AWS_ROLE_ARN: arn:aws:iam::111122223333:role/deploy-prod
    deploy-staging:
      extends: .aws-oidc
      script: [./deploy.sh]
    deploy-prod:
      extends: [.aws-oidc, .prod]
      script: [./deploy.sh]
    lint:
      script: [make lint]
    docs:
      inherit: {default: false}
      script: [make docs]
    """

    @Test("templates a job extends give it their tokens and variables, a later template winning; default: gives tokens to the rest")
    func extendsAndDefault() {
        let edges = Self.edges(Self.templated)
        #expect(edges.contains(".gitlab-ci.yml / deploy-staging: sts:AssumeRoleWithWebIdentity arn:aws:iam::111122223333:role/deploy-staging from the job's ID token"), "\(edges)")
        #expect(edges.contains(".gitlab-ci.yml / deploy-prod: sts:AssumeRoleWithWebIdentity arn:aws:iam::111122223333:role/deploy-prod from the job's ID token"), "\(edges)")
        #expect(!edges.contains { $0.hasPrefix(".gitlab-ci.yml / deploy-prod: mint ID tokens for audience https://vault") }, "a job's own tokens replace the default's")
        #expect(edges.contains(".gitlab-ci.yml / lint: mint ID tokens for audience https://vault.acme.example in the job's pipelines"), "\(edges)")
        #expect(!edges.contains { $0.hasPrefix(".aws-oidc") || $0.hasPrefix(".prod") })
        #expect(!edges.contains { $0.hasPrefix(".gitlab-ci.yml / docs") }, "inherit: {default: false} keeps the default's tokens away")

        let retargeted = Self.templated.replacingOccurrences(of: "role/deploy-staging", with: "role/admin")
        let comparison = compareInMemory([".gitlab-ci.yml": Self.templated], [".gitlab-ci.yml": retargeted])
        let gained = comparison.privilegeDelta.filter { !$0.gained.isEmpty }.map(\.principal.name)
        #expect(gained == [".gitlab-ci.yml / deploy-staging"], "deploy-prod's own template still names its role: \(gained)")
    }

    @Test("a job without id_tokens holds no trust edge")
    func noTokens() {
        let text = Self.pipeline(script: Self.awsScript).replacingOccurrences(of: "  id_tokens:\n    CLOUD_TOKEN:\n      aud: https://gitlab.acme.example\n", with: "")
        #expect(Self.edges(text).isEmpty)
    }

    static func allowlist(_ body: String) -> String {
        """
        resource "gitlab_project_job_token_scopes" "billing" {
          project            = "acme/billing"
        \(body)
        }

        resource "gitlab_project_job_token_scope" "deployer" {
          project           = "acme/billing"
          target_project_id = 4411
        }
        """
    }

    @Test("a project added to a job token allowlist gains the use of its token there; the allowlist switched off lets every project in")
    func jobTokenAllowlist() {
        let base = Self.allowlist("  target_project_ids = [1201, 1202]")
        let added = compareInMemory(["gitlab/billing.tf": base], ["gitlab/billing.tf": Self.allowlist("  target_project_ids = [1202, 1201, 1999]\n  target_group_ids   = [77]")])
        let gained = added.privilegeDelta.filter { !$0.gained.isEmpty }.map { "\($0.principal): \($0.gained.map(\.description).joined(separator: "; "))" }.sorted()
        #expect(gained == [
            "CI jobs of group 77: use CI_JOB_TOKEN on project acme/billing through its job token allowlist",
            "CI jobs of project 1999: use CI_JOB_TOKEN on project acme/billing through its job token allowlist",
        ], "\(gained)")
        #expect(added.verdict == .review, "\(added.reasons)")

        let off = compareInMemory(["gitlab/billing.tf": base], ["gitlab/billing.tf": Self.allowlist("  target_project_ids = [1201, 1202]\n  enabled            = false")])
        #expect(off.privilegeDelta.contains { $0.principal.name == "any project" && !$0.gained.isEmpty }, "\(off.privilegeDelta.map(\.principal))")

        let reordered = compareInMemory(["gitlab/billing.tf": base], ["gitlab/billing.tf": "# CI access to billing\n" + Self.allowlist("  target_project_ids = [1202, 1201]")])
        #expect(reordered.privilegeDelta.isEmpty && reordered.verdict == .pass, "\(reordered.reasons)")
    }
}
