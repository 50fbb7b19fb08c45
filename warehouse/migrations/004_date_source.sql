-- Where an article's published_on came from (issue 16): `page` (the page's own metadata), `dateline`
-- (a dated dateline in its text), or the listing that led to the page when the page gives no date:
-- `feed`, `sitemap` or `gdelt`. NULL for an undated article, and for articles loaded before this
-- migration until they are fetched again.
ALTER TABLE articles ADD COLUMN IF NOT EXISTS date_source TEXT;
