# What the Acme plugin changes, in Terraform: the same three statements as
# acme.yaml. With the plugin, CKV_ACME_1 and CKV_PINPOINT_3 fail (Sid "Send")
# and CKV_PINPOINT_1 passes; without it, CKV_PINPOINT_1 fails (Sid "Preview").
resource "aws_pinpoint_app" "orders" {
  name = "orders"
}

data "aws_iam_policy_document" "acme" {
  statement {
    sid       = "Preview"
    actions   = ["mobiletargeting:AcmePreviewAction"]
    resources = [aws_pinpoint_app.orders.arn]
  }

  statement {
    sid       = "Sandbox"
    actions   = ["mobiletargeting:GetApp"]
    resources = ["arn:aws:mobiletargeting:us-east-1:111111111111:apps/*"]
  }

  statement {
    sid       = "Send"
    actions   = ["mobiletargeting:SendMessages"]
    resources = ["*"]
  }
}
