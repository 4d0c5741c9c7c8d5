resource "aws_iam_policy" "number" {
  name   = "number"
  policy = 42
}

resource "aws_iam_policy" "statement_string" {
  name = "statement_string"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = "Allow mobiletargeting:SendMessages on *"
  })
}

data "aws_iam_policy_document" "odd" {
  statement {
    actions   = ["mobiletargeting:GetApp", 42]
    resources = [true]
  }
}
