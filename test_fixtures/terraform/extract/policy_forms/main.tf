# One policy per way of writing an IAM policy attribute in Terraform.

resource "aws_pinpoint_app" "main" {
  name = "main"
}

resource "aws_iam_policy" "jsonencode" {
  name = "pinpoint-jsonencode"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "ReadApp"
        Effect   = "Allow"
        Action   = ["mobiletargeting:GetApp", "mobiletargeting:Get*"]
        Resource = "${aws_pinpoint_app.main.arn}/*"
      },
      {
        Effect    = "Deny"
        Action    = "mobiletargeting:DeleteApp"
        Resource  = [aws_pinpoint_app.main.arn, "arn:aws:mobiletargeting:us-east-1:123456789012:apps/*"]
        Condition = { StringEquals = { "aws:RequestedRegion" = "us-east-1" } }
      },
    ]
  })
}

resource "aws_iam_role_policy" "json_string" {
  name   = "pinpoint-json-string"
  role   = "pinpoint-role"
  policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"NotAction\":\"mobiletargeting:Delete*\",\"NotResource\":[\"${aws_pinpoint_app.main.arn}\"]}]}"
}

resource "aws_iam_user_policy" "heredoc" {
  name   = "pinpoint-heredoc"
  user   = "pinpoint-user"
  policy = <<-EOT
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Effect": "Allow",
          "Action": ["mobiletargeting:SendMessages"],
          "Resource": "${aws_pinpoint_app.main.arn}/messages"
        }
      ]
    }
  EOT
}

resource "aws_iam_group_policy" "from_document" {
  name   = "pinpoint-from-document"
  group  = "pinpoint-group"
  policy = data.aws_iam_policy_document.read.json
}

data "aws_iam_policy_document" "read" {
  statement {
    actions   = ["mobiletargeting:GetApp"]
    resources = ["*"]
  }
}

resource "aws_ssoadmin_permission_set_inline_policy" "sso" {
  instance_arn       = "arn:aws:sso:::instance/ssoins-0123456789abcdef"
  permission_set_arn = "arn:aws:sso:::permissionSet/ssoins-0123456789abcdef/ps-0123456789abcdef"
  inline_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = { Effect = "Allow", Action = "mobiletargeting:*", Resource = "*" }
  })
}
