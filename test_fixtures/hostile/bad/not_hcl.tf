resource "aws_iam_policy" "broken" {
  name = "broken"
  policy = <<EOF
{"Statement": [{"Effect": "Allow", "Action": "mobiletargeting:GetApp"
