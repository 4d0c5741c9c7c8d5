# Pinpoint resources of the wrong shape: CKV_PINPOINT_2 fails on both blocks.
resource "aws_pinpoint_app" "orders" {
  name = "orders"
}

data "aws_region" "current" {}
data "aws_caller_identity" "current" {}

resource "aws_iam_policy" "campaigns" {
  name = "campaigns"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "Segments"
        Effect   = "Allow"
        Action   = "mobiletargeting:GetSegments"
        Resource = aws_pinpoint_app.orders.arn
      },
      {
        Sid    = "Campaigns"
        Effect = "Allow"
        Action = ["mobiletargeting:GetCampaign", "mobiletargeting:UpdateCampaign"]
        Resource = [
          "arn:aws:mobiletargeting:us-east-1:123456789012:campaigns/c1",
          "arn:aws:pinpoint:${data.aws_region.current.name}:${data.aws_caller_identity.current.account_id}:apps/${aws_pinpoint_app.orders.application_id}/campaigns/*",
          "arn:aws:mobiletargeting:us-east-1:12345:apps/abc/campaigns/c1",
        ]
      },
    ]
  })
}

data "aws_iam_policy_document" "settings" {
  statement {
    sid       = "Settings"
    actions   = ["mobiletargeting:GetApplicationSettings"]
    resources = ["arn:aws:mobiletargeting:us-east-1:123456789012:apps/abc/*"]
  }
}
