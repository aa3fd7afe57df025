import FoundationEssentials
import IdlintSyntax

/// The azuread provider's applications and their password resources as the Microsoft
/// Graph application object the Entra rules read. Passwords are separate resources
/// that name their application (`application_id = azuread_application.ci.id`); each
/// file yields one application document with the passwords it holds.
enum AzureADResources {
    static let applicationFields: [NativeField] = [
        .attribute("display_name", as: "displayName"),
        .defaulted("sign_in_audience", as: "signInAudience", default: "AzureADMyOrg", style: .quoted),
        .attribute("identifier_uris", as: "identifierUris"),
        .blocks("required_resource_access", as: "requiredResourceAccess", [
            .attribute("resource_app_id", as: "resourceAppId"),
            .blocks("resource_access", as: "resourceAccess", [.attribute("id", as: "id"), .attribute("type", as: "type")]),
        ]),
        .block("web", as: "web", [
            .attribute("redirect_uris", as: "redirectUris"),
            .block("implicit_grant", as: "implicitGrantSettings", [
                .attribute("access_token_issuance_enabled", as: "enableAccessTokenIssuance"),
                .attribute("id_token_issuance_enabled", as: "enableIdTokenIssuance"),
            ]),
        ]),
        .block("single_page_application", as: "spa", [.attribute("redirect_uris", as: "redirectUris")]),
        .block("public_client", as: "publicClient", [.attribute("redirect_uris", as: "redirectUris")]),
    ]

    static let passwordTypes: Set<String> = ["azuread_application_password"]

    /// Resources that add to an application by naming it: its passwords, API
    /// permissions (`azuread_application_api_access`) and redirect URIs.
    static let memberTypes: Set<String> = passwordTypes.union(["azuread_application_api_access", "azuread_application_redirect_uris"])

    static func handles(_ type: String) -> Bool {
        type == "azuread_application" || type == "azuread_application_registration" || memberTypes.contains(type)
    }

    /// The application documents of one file's azuread resources; `now` stands for the
    /// moment of `apply`, when a password without a start date begins.
    static func objects(of resources: [TerraformPlanRecognizer.Resource], scope: TerraformScope, now: Date) -> [RecognizedObject] {
        let groups = ResourceJoin.groups(resources, parentTypes: ["azuread_application", "azuread_application_registration"]) { resource in
            guard memberTypes.contains(resource.type),
                  let reference = resource.source["application_id"] ?? resource.source["application_object_id"] else { return nil }
            let parts = reference.text.split(separator: ".")
            let named = reference.isUnevaluated && parts.count >= 3 && parts[0].hasPrefix("azuread_application")
            return (named ? "\(parts[0]).\(parts[1])" : "expression:" + reference.text, reference)
        }
        let writer = NativeWriter(scope: scope)
        return groups.compactMap { group -> RecognizedObject? in
            let anchor = group.anchor
            let credentials = (group.parent?.blockBodies("password") ?? []) + group.members.filter { passwordTypes.contains($0.type) }.map(\.source)
            let root = scope.compose(in: anchor.document.file) { composer in
                try composer.begin(.mapping, at: anchor.start)
                if let application = group.parent {
                    try writer.writeEntries(applicationFields, from: application, into: &composer)
                } else {
                    // Declared in another file: only its passwords are judged here.
                    try composer.scalar("displayName", at: anchor.span)
                    try composer.scalar(anchor.text, style: .plain, tag: hclExpressionTag, at: anchor.span)
                }
                try writeAccessAndRedirects(group.members, scope: scope, into: &composer)
                if let first = credentials.first {
                    try composer.scalar("passwordCredentials", at: first.span)
                    try composer.begin(.sequence, at: first.start)
                    for credential in credentials { try writePassword(credential, scope: scope, now: now, into: &composer) }
                    try composer.end(at: credentials.last!.span.end)
                }
                try composer.end(at: anchor.span.end)
            }
            guard let root, group.parent != nil || !credentials.isEmpty else { return nil }
            return RecognizedObject(kind: .entraApplication, node: root, platform: nil, name: root.string("displayName") ?? group.key)
        }
    }

    /// API permissions as one more `requiredResourceAccess` entry each (role ids as
    /// application permissions, scope ids as delegated), redirect URIs under the
    /// platform their `type` names.
    private static func writeAccessAndRedirects(_ members: [TerraformPlanRecognizer.Resource], scope: TerraformScope, into composer: inout TreeComposer) throws {
        for member in members {
            let body = member.source
            let here = SourceSpan(start: body.start, end: body.start)
            switch member.type {
            case "azuread_application_api_access":
                try composer.scalar("requiredResourceAccess", at: here)
                try composer.begin(.sequence, at: body.start)
                try composer.begin(.mapping, at: body.start)
                if let api = body.entry("api_client_id") {
                    try composer.scalar("resourceAppId", at: api.key.span)
                    try scope.write(api.value, foreignSpan: nil, into: &composer, depth: 0)
                }
                try composer.scalar("resourceAccess", at: here)
                try composer.begin(.sequence, at: body.start)
                for (attribute, type) in [("role_ids", "Role"), ("scope_ids", "Scope")] {
                    guard let ids = body[attribute].map(scope.evaluated) else { continue }
                    for id in ids.isSequence ? ids.elements : [ids] {
                        try composer.begin(.mapping, at: id.start)
                        try composer.scalar("id", at: id.span)
                        try scope.write(id, foreignSpan: nil, into: &composer, depth: 0)
                        try composer.scalar("type", at: id.span)
                        try composer.scalar(type, at: id.span)
                        try composer.end(at: id.span.end)
                    }
                }
                try composer.end(at: body.span.end)
                try composer.end(at: body.span.end)
                try composer.end(at: body.span.end)
            case "azuread_application_redirect_uris":
                guard let uris = body.entry("redirect_uris"), let platform = body["type"].map(scope.evaluated), platform.isScalar, !platform.isUnevaluated,
                      let key = ["Web": "web", "SPA": "spa", "PublicClient": "publicClient"][platform.text] else { continue }
                try composer.scalar(key, at: here)
                try composer.begin(.mapping, at: body.start)
                try composer.scalar("redirectUris", at: uris.key.span)
                try scope.write(uris.value, foreignSpan: nil, into: &composer, depth: 0)
                try composer.end(at: body.span.end)
            default:
                break
            }
        }
    }

    /// A password's validity as Graph records it: the start given, or the moment of
    /// apply; the end given, or the start plus `end_date_relative` (a Go duration).
    /// With neither end, the end is Entra's choice and left unknown.
    private static func writePassword(_ body: Node, scope: TerraformScope, now: Date, into composer: inout TreeComposer) throws {
        let here = SourceSpan(start: body.start, end: body.start)
        try composer.begin(.mapping, at: body.start)
        if let name = body.entry("display_name") {
            try composer.scalar("displayName", at: name.key.span)
            try scope.write(name.value, foreignSpan: nil, into: &composer, depth: 0)
        }
        let startValue = body["start_date"].map(scope.evaluated)
        let start = startValue.flatMap(NodeTest.date) ?? (startValue == nil ? now : nil)
        if let startValue {
            try composer.scalar("startDateTime", at: body.entry("start_date")!.key.span)
            try scope.write(startValue, foreignSpan: nil, into: &composer, depth: 0)
        } else {
            try composer.scalar("startDateTime", at: here)
            try composer.scalar(UTCMoment.timestamp(now), at: here)
        }
        if let end = body.entry("end_date") {
            try composer.scalar("endDateTime", at: end.key.span)
            try scope.write(end.value, foreignSpan: nil, into: &composer, depth: 0)
        } else if let relative = body.entry("end_date_relative") {
            let duration = scope.evaluated(relative.value)
            try composer.scalar("endDateTime", at: relative.key.span)
            if startValue != nil, let start, !duration.isUnevaluated, let seconds = NodeTest.goDurationSeconds(duration.text) {
                try composer.scalar(UTCMoment.timestamp(start.addingTimeInterval(seconds)), at: relative.value.span)
            } else if startValue == nil, !duration.isUnevaluated, NodeTest.goDurationSeconds(duration.text) != nil {
                // Counted from the apply: an end computed from the scan's clock would be a
                // new value, and a new fingerprint, in every run.
                try composer.scalar(duration.text + NodeTest.afterApply, at: relative.value.span)
            } else {
                try composer.scalar(relative.value.text, style: .plain, tag: hclExpressionTag, at: relative.value.span)
            }
        }
        try composer.end(at: body.span.end)
    }
}
