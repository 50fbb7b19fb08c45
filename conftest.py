"""Test-session environment, set before any test module imports Prefect or GX.

Prefect runs for real in a temporary PREFECT_HOME (its own SQLite database and ephemeral API server);
telemetry is off because CI has no network.
"""
import os
import tempfile

_prefect_home = tempfile.mkdtemp(prefix="chipdemand-prefect-")
os.environ["PREFECT_HOME"] = _prefect_home
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
os.environ.setdefault("PREFECT_LOGGING_LOG_PRINTS", "false")
os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
os.environ.setdefault("DO_NOT_TRACK", "1")
# a fresh PREFECT_HOME migrates its database on the first start: slow on a loaded 2-core machine
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "180")
os.environ.pop("PREFECT_API_URL", None)
os.environ.pop("CHIPDEMAND_DB", None)
# runs read the analysts' corrections.csv beside sources.toml by default: keep the tests independent of it
os.environ["CHIPDEMAND_CORRECTIONS"] = os.path.join(_prefect_home, "no-corrections.csv")
os.environ.pop("CHIPDEMAND_AUTHOR", None)
os.environ.pop("CHIPDEMAND_ALLOW_PRIVATE_HOSTS", None)
