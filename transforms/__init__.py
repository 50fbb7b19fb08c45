"""Pure functions: bytes to articles, text to rows, normalisation. No I/O beyond reading seed values passed in."""
