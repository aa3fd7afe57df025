# Construct: a heredoc used as an expression inside a quoted-template
# interpolation.
# idlint says: error line 7 col 7: "an interpolation does not end on its line"
# Valid HCL: YES (an interpolation holds any Expression; TemplateExpr includes
# heredocs). Exotic; same root cause as 01.
locals {
  a = "${<<EOT
inner
EOT
}"
}
