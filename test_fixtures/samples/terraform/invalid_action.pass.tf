# Real Pinpoint action names, in any case and as patterns: nothing to report.
resource "aws_pinpoint_app" "orders" {
  name = "orders"
}

resource "aws_iam_policy" "send" {
  name = "send"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect = "Allow"
        Action = ["mobiletargeting:SendMessages", "MobileTargeting:sendusersmessages", "mobiletargeting:GetSegment*"]
        Resource = [
          aws_pinpoint_app.orders.arn,
          "${aws_pinpoint_app.orders.arn}/*",
        ]
      },
      {
        Effect   = "Allow"
        Action   = "sms-voice:SendVoiceMessage"
        Resource = "*"
      },
      {
        Effect   = "Allow"
        Action   = "s3:GetObject"
        Resource = "arn:aws:s3:::orders-bucket/*"
      },
    ]
  })
}
