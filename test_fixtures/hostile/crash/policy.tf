# One valid Pinpoint policy per block kind; the crash tests make our code raise on them.
resource "aws_iam_policy" "send" {
  name = "send"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid      = "Send"
      Effect   = "Allow"
      Action   = "mobiletargeting:SendMessages"
      Resource = "arn:aws:mobiletargeting:us-east-1:123456789012:apps/orders/messages"
    }]
  })
}

data "aws_iam_policy_document" "send" {
  statement {
    sid       = "Send"
    actions   = ["mobiletargeting:SendMessages"]
    resources = ["arn:aws:mobiletargeting:us-east-1:123456789012:apps/orders/messages"]
  }
}
