# An IAM policy written the usual way.
resource "aws_iam_policy" "deployer" {
  name        = "deployer"
  description = "Deploys the app"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["iam:*", "s3:GetObject"]
        Resource = "*"
      },
    ]
  })
  tags = { team = "platform", "cost-centre": 42 }
}

resource "aws_iam_role" "ci" {
  name               = "ci-${var.env}"
  assume_role_policy = data.aws_iam_policy_document.trust.json
  max_session_duration = 3600
  inline_policy {
    name   = "logs"
    policy = <<-EOF
      {"Version": "2012-10-17", "Statement": []}
      EOF
  }
}

locals {
  enabled = var.count > 0 ? true : false
  admins  = [for user in var.users : user if user.admin]
  ok      = true
}
