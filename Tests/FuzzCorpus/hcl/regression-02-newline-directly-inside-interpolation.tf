# Construct: newline directly after "${" / before "}" in a quoted template
# (no parentheses involved).
# idlint says: error line 10 col 7: "an interpolation does not end on its line"
# Valid HCL: YES (per reference implementation: newlines are not significant
# inside an interpolation sequence of a quoted template; the spec restricts
# newlines only in the literal parts: "In quoted template expressions any
# literal string sequences within the template ... literal newline sequences
# are not permitted"). Less common than 01; same root cause.
locals {
  a = "prefix-${
    var.x
  }-suffix"
}
