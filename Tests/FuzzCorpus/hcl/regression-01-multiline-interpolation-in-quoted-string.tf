# Construct: a quoted template whose ${ ... } interpolation spans several lines
# (newlines inside the parentheses/braces of the interpolated expression).
# Real-world source: index id 10957612825 (saved as
# /tmp/realworld-tf/index-id-only__10957612825/iam.tf) uses exactly this for
# assume_role_policy = "${jsonencode({ ... })}"; find_string shows it is common.
# idlint says:  error line 17 col 24: "an interpolation does not end on its line"
#   -> the WHOLE file is dropped (no objects, no findings; here an
#      AWS-TRUST-ANY-PRINCIPAL is therefore missed) and the scan exits 1.
# Valid HCL: YES. spec.md forbids literal newlines only in the *literal string
# sequences* of a quoted template; inside an interpolation the expression
# language applies, and "Between the ( and ) characters ... newline characters
# are ignored as whitespace" (same for { } of object constructors).
# hashicorp/hcl's parser (PushIncludeNewlines(false) for TokenTemplateInterp)
# and Terraform accept it.
resource "aws_iam_role" "r" {
  name               = "r"
  assume_role_policy = "${jsonencode({
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { AWS = "*" } }]
  })}"
}
