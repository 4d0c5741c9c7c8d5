# Pinpoint grants on every project or pool: CKV_PINPOINT_3 fails on both blocks.
resource "aws_pinpoint_app" "orders" {
  name = "orders"
}

resource "aws_iam_group_policy" "marketing" {
  name  = "marketing"
  group = "marketing"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "OneProject"
        Effect   = "Allow"
        Action   = "mobiletargeting:*"
        Resource = "${aws_pinpoint_app.orders.arn}/*"
      },
      {
        Sid      = "Everything"
        Effect   = "Allow"
        Action   = "mobiletargeting:*"
        Resource = "*"
      },
    ]
  })
}

resource "aws_iam_user_policy" "ops" {
  name = "ops"
  user = "ops"
  policy = <<POLICY
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": ["mobiletargeting:DeleteCampaign", "sms-voice:DeletePool"],
      "Resource": ["arn:aws:mobiletargeting:*:*:*", "arn:aws:sms-voice:us-east-1:123456789012:pool/*"]
    }
  ]
}
POLICY
}
