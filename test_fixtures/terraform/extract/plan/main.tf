# The configuration behind new_app.plan.json and existing_app.plan.json.
# terraform is not available to the project, so both plans are written by hand
# in the format `terraform show -json` prints (format_version 1.2):
# new_app.plan.json creates aws_pinpoint_app.main, so its ARN and everything
# built from it are only known after apply; existing_app.plan.json runs when the
# app exists, so every policy is resolved.

variable "region" {
  type    = string
  default = "us-east-1"
}

resource "aws_pinpoint_app" "main" {
  name = "main"
}

resource "aws_iam_policy" "literal" {
  name = "pinpoint-literal"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "Read"
        Effect   = "Allow"
        Action   = ["mobiletargeting:GetApp", "mobiletargeting:GetSegments"]
        Resource = "arn:aws:mobiletargeting:${var.region}:123456789012:apps/*"
      },
      {
        Effect    = "Deny"
        Action    = "mobiletargeting:DeleteApp"
        Resource  = "*"
        Condition = { Bool = { "aws:MultiFactorAuthPresent" = "false" } }
      },
    ]
  })
}

resource "aws_iam_role" "worker" {
  name = "pinpoint-worker"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "pinpoint.amazonaws.com" } }]
  })

  inline_policy {
    name = "send"
    policy = jsonencode({
      Version   = "2012-10-17"
      Statement = [{ Effect = "Allow", Action = "mobiletargeting:SendMessages", Resource = "arn:aws:mobiletargeting:us-east-1:123456789012:apps/*/messages" }]
    })
  }
}

data "aws_iam_policy_document" "app" {
  statement {
    sid       = "App"
    actions   = ["mobiletargeting:GetApp"]
    resources = ["${aws_pinpoint_app.main.arn}/*", "arn:aws:mobiletargeting:us-east-1:123456789012:apps/fixed"]
  }
}

resource "aws_iam_role_policy" "app" {
  name   = "pinpoint-app"
  role   = aws_iam_role.worker.id
  policy = data.aws_iam_policy_document.app.json
}

resource "aws_iam_user_policy" "app_arn" {
  name = "pinpoint-app-arn"
  user = "pinpoint-user"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "mobiletargeting:*", Resource = "${aws_pinpoint_app.main.arn}/*" }]
  })
}
