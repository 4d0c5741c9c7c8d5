# Grants of Pinpoint actions whose features reached end of support on 2026-10-30
# (campaigns, segments) beside actions that continue (messages, SMS). The grants
# are well formed, so only the end-of-support advisory CKV_PINPOINT_4 fails, on
# aws_iam_policy.marketing; aws_iam_policy_document.send passes it.
resource "aws_pinpoint_app" "orders" {
  name = "orders"
}

resource "aws_iam_policy" "marketing" {
  name = "marketing"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "Messages"
        Effect   = "Allow"
        Action   = "mobiletargeting:SendMessages"
        Resource = "${aws_pinpoint_app.orders.arn}/messages"
      },
      {
        Sid      = "Sms"
        Effect   = "Allow"
        Action   = "sms-voice:SendTextMessage"
        Resource = "*"
      },
      {
        Sid      = "Campaigns"
        Effect   = "Allow"
        Action   = ["mobiletargeting:CreateCampaign", "mobiletargeting:GetSegments"]
        Resource = [aws_pinpoint_app.orders.arn, "${aws_pinpoint_app.orders.arn}/campaigns"]
      },
    ]
  })
}

data "aws_iam_policy_document" "send" {
  statement {
    sid       = "Messages"
    actions   = ["mobiletargeting:SendMessages"]
    resources = ["${aws_pinpoint_app.orders.arn}/messages"]
  }

  statement {
    sid       = "Sms"
    actions   = ["sms-voice:SendTextMessage"]
    resources = ["*"]
  }
}
