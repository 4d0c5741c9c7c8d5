# Actions AWS added after the seed page was written; none may be reported invalid.
resource "aws_pinpoint_app" "orders" {
  name = "orders"
}

data "aws_iam_policy_document" "new_actions" {
  statement {
    actions   = ["mobiletargeting:GetInAppMessages", "mobiletargeting:GetJourneyRuns"]
    resources = [aws_pinpoint_app.orders.arn, "${aws_pinpoint_app.orders.arn}/*"]
  }
  statement {
    actions   = ["sms-voice:SendRcsMessage", "sms-voice:CarrierLookup", "sms-voice:SendVoiceMessage"]
    resources = ["*"]
  }
}
