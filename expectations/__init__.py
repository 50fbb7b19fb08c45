"""Great Expectations suites as code, and the validation step."""
