# Construct: newline inside a %{ if ... } directive of a quoted template.
# idlint says: error line 7 col 7: "an interpolation does not end on its line"
# Valid HCL: YES (same reasoning as 02: the directive's expression is in the
# expression sub-language; only literal string sequences may not contain
# newlines). Rare in practice; same root cause as 01/02.
locals {
  a = "%{ if
  true }y%{ endif }"
}
