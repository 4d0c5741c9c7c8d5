"""A do-nothing mirror of checkov-pinpoint's checks: checkov's per-check floor."""
