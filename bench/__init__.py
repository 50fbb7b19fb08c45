"""Benchmarks and synthetic data for chipdemand (kept out of the test suite: nothing here is timed in CI)."""
