# data "aws_iam_policy_document" in the shapes users write.

variable "account_id" {
  type = string
}

variable "extra_actions" {
  type = list(string)
}

locals {
  statements = [
    { sid = "L1", actions = ["mobiletargeting:GetApp"] },
  ]
}

resource "aws_pinpoint_app" "main" {
  name = "main"
}

data "aws_iam_policy_document" "statements" {
  statement {
    sid       = "Read"
    actions   = ["mobiletargeting:GetSegments", "mobiletargeting:GetApp"]
    resources = ["${aws_pinpoint_app.main.arn}/*", aws_pinpoint_app.main.arn]
  }

  statement {
    effect        = "Deny"
    not_actions   = ["mobiletargeting:Get*"]
    not_resources = ["arn:aws:mobiletargeting:us-east-1:${var.account_id}:apps/*"]

    condition {
      test     = "StringEquals"
      variable = "aws:RequestedRegion"
      values   = ["us-east-1"]
    }
  }
}

data "aws_iam_policy_document" "dynamic" {
  dynamic "statement" {
    for_each = local.statements
    content {
      sid       = statement.value.sid
      actions   = statement.value.actions
      resources = ["*"]
    }
  }

  statement {
    actions   = concat(["mobiletargeting:GetApp"], var.extra_actions)
    resources = ["*"]
  }

  statement {
    actions   = var.extra_actions
    resources = ["*"]
  }
}

data "aws_iam_policy_document" "merged" {
  source_policy_documents = [data.aws_iam_policy_document.statements.json]

  statement {
    actions   = ["mobiletargeting:UpdateApp"]
    resources = ["*"]
  }
}
