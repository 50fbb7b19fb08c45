"""DuckDB warehouse: migrations, loading, views, queries."""
