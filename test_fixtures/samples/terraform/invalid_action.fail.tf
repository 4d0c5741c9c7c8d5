# Near-miss Pinpoint action names: CKV_PINPOINT_1 fails on both blocks.
resource "aws_pinpoint_app" "orders" {
  name = "orders"
}

resource "aws_iam_role_policy" "send" {
  name = "send"
  role = "sender"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "ReadSegments"
        Effect   = "Allow"
        Action   = "mobiletargeting:GetSegments"
        Resource = aws_pinpoint_app.orders.arn
      },
      {
        Sid      = "Send"
        Effect   = "Allow"
        Action   = ["mobiletargeting:SendMessage", "pinpoint:GetEndpoint", "mobiletargeting:SendUsersMessages"]
        Resource = "${aws_pinpoint_app.orders.arn}/*"
      },
    ]
  })
}

data "aws_iam_policy_document" "sms" {
  statement {
    actions   = ["sms-voice:SendTextMesage"]
    resources = ["arn:aws:sms-voice:us-east-1:123456789012:pool/*"]
  }
  statement {
    actions   = ["mobiletargeting:Get*Widgets"]
    resources = [aws_pinpoint_app.orders.arn]
  }
}
