"""Fetching pages over HTTP, one small module per rule (the public API is re-exported by `flows.fetch`).

| module | job |
|---|---|
| `settings.py` | `FetchSettings`: limits, politeness and safety, one value passed down |
| `errors.py` | `FetchError` and its kinds: each names the rule that refused or failed a URL |
| `outcome.py` | `FetchOutcome` (what fetching one URL gave) and `Page` (one final response) |
| `address_guard.py` | loopback/private address refusal, on every hop and on the dialled socket; the httpx client |
| `body.py` | content types, binary bodies, bounded decompression of the body |
| `retry.py` | Retry-After and exponential backoff |
| `robots.py` | robots.txt rules and where they are kept |
| `politeness.py` | per-host connection limits and delays |
| `fetcher.py` | `Fetcher` (one client, every rule above) and `fetch_many` / `fetch_one` |

Charsets are decided by `transforms.decoding`, the one decoder for fetched pages and local files.
"""
