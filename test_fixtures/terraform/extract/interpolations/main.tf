# The same interpolations written where checkov keeps "${}" (heredoc) and where
# it strips it (jsonencode).

variable "account_id" {
  type = string
}

variable "region" {
  type    = string
  default = "us-east-1"
}

data "aws_caller_identity" "current" {}
data "aws_region" "current" {}
data "aws_partition" "current" {}

resource "aws_pinpoint_app" "main" {
  name = "main"
}

resource "aws_pinpoint_app" "others" {
  count = 2
  name  = "other-${count.index}"
}

resource "aws_iam_policy" "stripped" {
  name = "pinpoint-stripped"
  policy = jsonencode({
    Statement = [{
      Effect = "Allow"
      Action = "mobiletargeting:GetApp"
      Resource = [
        "arn:${data.aws_partition.current.partition}:mobiletargeting:${data.aws_region.current.name}:${data.aws_caller_identity.current.account_id}:apps/${aws_pinpoint_app.main.application_id}",
        "arn:aws:mobiletargeting:${var.region}:${var.account_id}:apps/${aws_pinpoint_app.main.id}/campaigns/*",
        "${aws_pinpoint_app.others[0].arn}/segments/?",
        "arn:aws:mobiletargeting:${upper(var.region)}:123456789012:apps/*",
        "${aws_pinpoint_app.main.tags_all.team}",
      ]
    }]
  })
}

resource "aws_iam_policy" "kept" {
  name   = "pinpoint-kept"
  policy = <<-EOT
    {
      "Statement": [{
        "Effect": "Allow",
        "Action": "mobiletargeting:GetApp",
        "Resource": [
          "arn:${data.aws_partition.current.partition}:mobiletargeting:${data.aws_region.current.name}:${data.aws_caller_identity.current.account_id}:apps/${aws_pinpoint_app.main.application_id}",
          "arn:aws:mobiletargeting:${var.region}:${var.account_id}:apps/${aws_pinpoint_app.main.id}/campaigns/*",
          "${aws_pinpoint_app.others[0].arn}/segments/?",
          "arn:aws:mobiletargeting:${upper(var.region)}:123456789012:apps/*",
          "${aws_pinpoint_app.main.tags_all.team}"
        ]
      }]
    }
  EOT
}

resource "aws_iam_policy" "quoted_heredoc" {
  name   = "pinpoint-quoted-heredoc"
  policy = <<-EOT
    {"Statement": [{"Effect": "Allow", "Action": "mobiletargeting:GetApp", "Resource": "${var.account_id == "" ? "*" : aws_pinpoint_app.main.arn}"}]}
  EOT
}
