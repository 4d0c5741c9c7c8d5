# Pinpoint resources of the right shape, literal and interpolated: nothing to report.
resource "aws_pinpoint_app" "orders" {
  name = "orders"
}

variable "region" {
  type    = string
  default = "eu-west-1"
}

data "aws_caller_identity" "current" {}

data "aws_iam_policy_document" "campaigns" {
  statement {
    actions = ["mobiletargeting:GetCampaign", "mobiletargeting:UpdateCampaign"]
    resources = [
      "arn:aws:mobiletargeting:us-east-1:123456789012:apps/abc/campaigns/c1",
      "${aws_pinpoint_app.orders.arn}/campaigns/*",
      "arn:aws:mobiletargeting:${var.region}:${data.aws_caller_identity.current.account_id}:apps/${aws_pinpoint_app.orders.application_id}/campaigns/c2",
    ]
  }
  statement {
    actions   = ["mobiletargeting:GetApplicationSettings"]
    resources = [aws_pinpoint_app.orders.arn]
  }
  statement {
    actions = ["sms-voice:SendTextMessage"]
    resources = [
      "arn:aws-cn:sms-voice:cn-north-1:123456789012:pool/pool-1",
      "arn:aws:sms-voice:us-east-1:123456789012:sender-id/ACME/US",
    ]
  }
}
