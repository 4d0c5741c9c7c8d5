# Policies that cannot be read, one per reason they are skipped.

variable "policy" {
  type = string
}

resource "aws_iam_policy" "invalid_json" {
  name   = "invalid-json"
  policy = "{\"Version\": \"2012-10-17\", \"Statement\": [ {"
}

resource "aws_iam_policy" "statement_number" {
  name   = "statement-number"
  policy = jsonencode({ Version = "2012-10-17", Statement = 5 })
}

resource "aws_iam_policy" "bad_types" {
  name = "bad-types"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      42,
      { Effect = "allow", Action = true, Resource = 7 },
      { Effect = "Allow", Action = ["mobiletargeting:GetApp", 3], Resource = "*" },
    ]
  })
}

resource "aws_iam_policy" "file" {
  name   = "file"
  policy = file("${path.module}/policy.json")
}

resource "aws_iam_policy" "variable" {
  name   = "variable"
  policy = var.policy
}

resource "aws_iam_policy" "no_statement" {
  name   = "no-statement"
  policy = jsonencode({ Version = "2012-10-17" })
}
