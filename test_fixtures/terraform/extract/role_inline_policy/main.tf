# aws_iam_role inline_policy blocks, written out and as a dynamic block.

resource "aws_pinpoint_app" "main" {
  name = "main"
}

resource "aws_iam_role" "static" {
  name               = "pinpoint-static"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "pinpoint.amazonaws.com" } }] })

  inline_policy {
    name   = "read"
    policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "mobiletargeting:GetApp", Resource = "${aws_pinpoint_app.main.arn}" }] })
  }

  inline_policy {
    name   = "from-document"
    policy = data.aws_iam_policy_document.read.json
  }

  inline_policy {}
}

data "aws_iam_policy_document" "read" {
  statement {
    actions   = ["mobiletargeting:GetApp"]
    resources = ["*"]
  }
}

locals {
  apps = {
    a = "arn:aws:mobiletargeting:us-east-1:123456789012:apps/a"
  }
}

resource "aws_iam_role" "dynamic" {
  name               = "pinpoint-dynamic"
  assume_role_policy = "{}"

  dynamic "inline_policy" {
    for_each = local.apps
    content {
      name   = inline_policy.key
      policy = <<-EOT
        {"Statement": [{"Effect": "Allow", "Action": ["mobiletargeting:GetApp", "mobiletargeting:UpdateApp"], "Resource": "${inline_policy.value}"}]}
      EOT
    }
  }
}
