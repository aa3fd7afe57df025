# Terraform HCL (Keycloak provider): clients that accept users' passwords directly.
resource "keycloak_realm" "field_service" {
  realm = "field-service"
}

resource "keycloak_openid_client" "technician_app" {
  realm_id                     = keycloak_realm.field_service.id
  client_id                    = "technician-app"
  access_type                  = "CONFIDENTIAL"
  standard_flow_enabled        = true
  valid_redirect_uris          = ["https://tech.field-service.example/callback"]
# expect: OIDC-PASSWORD-GRANT
  direct_access_grants_enabled = true
}
