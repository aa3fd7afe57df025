# Terraform HCL (azuread provider): client secrets valid for more than a year, inline and as
# separate password resources. Without start_date a password starts at apply (the scan clock).
resource "azuread_application" "backup_agent" {
  display_name = "backup-agent"

  password {
    display_name = "bootstrap"
    start_date   = "2026-01-01T00:00:00Z"
# expect: ENTRA-CREDENTIAL-LONG-LIVED
    end_date     = "2031-01-01T00:00:00Z"
  }
}

resource "azuread_application_password" "backup_agent_ci" {
  application_id = azuread_application.backup_agent.id
  display_name   = "ci-pipeline"
# expect: ENTRA-CREDENTIAL-LONG-LIVED
  end_date       = "2099-12-31T23:59:59Z"
}

resource "azuread_application_password" "backup_agent_runner" {
  application_object_id = azuread_application.backup_agent.object_id
  display_name          = "runner"
# expect: ENTRA-CREDENTIAL-LONG-LIVED
  end_date_relative     = "17520h"
}
