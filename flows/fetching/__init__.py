"""Fetching pages over HTTP, one small module per rule (the public API is re-exported by `flows.fetch`).

| module | job |
|---|---|
| `settings.py` | `FetchSettings`: limits, politeness and safety, one value passed down |
| `user_settings.py` | the `[fetch]` table of sources.toml and the CHIPDEMAND_* variables, read into FetchSettings |
| `errors.py` | `FetchError` and its kinds: each names the rule that refused or failed a URL |
| `outcome.py` | `FetchOutcome` (what fetching one URL gave) and `Page` (one final response) |
| `address_guard.py` | loopback/private address refusal, on every hop and on the dialled socket; the httpx client |
| `body.py` | content types, binary bodies, bounded decompression of the body |
| `retry.py` | Retry-After and exponential backoff |
| `robots.py` | robots.txt rules (protego, RFC 9309), read once per host per run |
| `politeness.py` | per-host connection limits and delays, shared across threads and event loops |
| `scope.py` | `FetchScope`: one run's shared limits and robots rules, in every process that fetches for it |
| `global_limits.py` | per-host limits across processes (Dask workers): Prefect global concurrency limits |
| `fetcher.py` | `Fetcher` (one client, every rule above) and `fetch_many` / `fetch_one` |

Charsets are decided by `transforms.decoding`, the one decoder for fetched pages and local files.
"""
