"""Flows and the CLI: thin wiring of transforms, expectations and warehouse."""
