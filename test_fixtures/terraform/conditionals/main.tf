# Expressions checkov hands over unevaluated: a conditional stands for both of
# its results, and a function call that builds a Pinpoint action or ARN is
# reported as not evaluated rather than passed.

variable "on" {
  type = bool
}

variable "more_actions" {
  type = list(string)
}

# FAILED CKV_PINPOINT_1: the true result names an action that does not exist.
resource "aws_iam_policy" "cond" {
  name = "c"
  policy = jsonencode({ Statement = [{ Effect = "Allow",
  Action = true ? "mobiletargeting:SendMessage" : "mobiletargeting:GetApps", Resource = "*" }] })
}

# FAILED CKV_PINPOINT_2 (GetApp acts on an app, not on apps/abc/*)
# and CKV_PINPOINT_3 ("*" leaves GetApp unscoped): both results are wrong.
resource "aws_iam_policy" "condres" {
  name = "c8"
  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "mobiletargeting:GetApp",
  Resource = var.on ? "arn:aws:mobiletargeting:us-east-1:123456789012:apps/abc/*" : "*" }] })
}

# SKIPPED: checkov cannot evaluate concat() with a variable that has no default.
resource "aws_iam_policy" "concat" {
  name = "cc"
  policy = jsonencode({ Statement = [{ Effect = "Allow",
  Action = concat(["mobiletargeting:SendMessage"], var.more_actions), Resource = "*" }] })
}

# SKIPPED: checkov leaves format() as written.
resource "aws_iam_policy" "format" {
  name = "f"
  policy = jsonencode({ Statement = [{ Effect = "Allow",
  Action = format("mobiletargeting:%s", "SendMessage"), Resource = "*" }] })
}

# PASSED: both results are valid and scoped to what the action needs.
resource "aws_iam_policy" "both_fine" {
  name = "ok"
  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "mobiletargeting:GetApps",
  Resource = var.on ? "arn:aws:mobiletargeting:us-east-1:123456789012:apps" : "arn:aws:mobiletargeting:us-east-1:123456789012:apps/*" }] })
}
