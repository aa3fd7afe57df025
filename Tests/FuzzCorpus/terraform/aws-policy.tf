# Terraform HCL: the policy written with jsonencode, found at the line of the action.
resource "aws_iam_policy" "break_glass" {
  name        = "break-glass"
  description = "Everything, for emergencies"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect = "Allow"
# expect: AWS-ADMIN-POLICY
        Action   = "*"
        Resource = "*"
      },
    ]
  })
}
