"""IAM linting for Amazon Pinpoint: checkov checks and cfn-lint rules on one engine."""
