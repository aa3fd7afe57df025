resource "aws_iam_role" "legacy" {
  name               = "${var.prefix}-legacy"
  assume_role_policy = "${jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Action    = "sts:AssumeRole"
      Effect    = "Allow"
      Principal = { AWS = "*" }
    }]
  })}"
  description = "uses ${jsonencode({
    a = "}"
  })} and more"
}
