# dynamic "inline_policy" blocks that checkov expands itself, in the two shapes
# it leaves them in: a jsonencode it did not evaluate, and a heredoc whose
# fields it wrapped in one-item lists.

locals {
  apps = [
    { name = "a", arn = "arn:aws:mobiletargeting:us-east-1:123456789012:apps/a" },
    { name = "b", arn = "arn:aws:mobiletargeting:us-east-1:123456789012:apps/b" },
  ]
}

resource "aws_iam_role" "jsonencode" {
  name               = "pinpoint-dynamic-jsonencode"
  assume_role_policy = "{}"

  inline_policy {
    name   = "static"
    policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "mobiletargeting:UpdateApp", Resource = "*" }] })
  }

  dynamic "inline_policy" {
    for_each = local.apps
    content {
      name   = inline_policy.value.name
      policy = jsonencode({ Version = "2012-10-17", Statement = [{ Sid = "S", Effect = "Deny", Action = ["mobiletargeting:GetApp", "mobiletargeting:DeleteApp"], Resource = [inline_policy.value.arn, "${inline_policy.value.arn}/*"] }] })
    }
  }
}

resource "aws_iam_role" "heredoc" {
  name               = "pinpoint-dynamic-heredoc"
  assume_role_policy = "{}"

  dynamic "inline_policy" {
    for_each = local.apps
    content {
      name   = inline_policy.value.name
      policy = <<-EOT
        {"Statement": [{"Sid": "S", "Effect": "Allow", "Action": ["mobiletargeting:GetApp"], "Resource": ["${inline_policy.value.arn}", "${inline_policy.value.arn}/*"]}]}
      EOT
    }
  }
}
