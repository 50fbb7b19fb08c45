"""Reference CSVs (dbt-style seeds) and the bundled demo articles.

`SEEDS_DIR` is where they live; `transforms.reference.load_reference(SEEDS_DIR)` reads them.
"""
from pathlib import Path

SEEDS_DIR = Path(__file__).resolve().parent
DEMO_ARTICLES_DIR = SEEDS_DIR / "articles"
