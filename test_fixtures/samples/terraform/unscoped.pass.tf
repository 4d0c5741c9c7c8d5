# Wildcards that are scoped, required by the API, or in Deny statements: nothing to report.
resource "aws_pinpoint_app" "orders" {
  name = "orders"
}

data "aws_iam_policy_document" "voice" {
  statement {
    actions   = ["sms-voice:SendVoiceMessage"]
    resources = ["*"]
  }
  statement {
    actions   = ["mobiletargeting:GetApps", "sms-voice:DescribeAccountAttributes"]
    resources = ["*"]
  }
  statement {
    actions   = ["mobiletargeting:*"]
    resources = [aws_pinpoint_app.orders.arn, "${aws_pinpoint_app.orders.arn}/*"]
  }
  statement {
    effect    = "Deny"
    actions   = ["mobiletargeting:Delete*"]
    resources = ["*"]
  }
}
