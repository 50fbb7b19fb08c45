"""A temporary Prefect API server for one command-line run, started before the run's own imports.

With no PREFECT_API_URL configured, Prefect starts a temporary API server inside `Flow.__call__`: it
imports the server's code into the calling process (~3 s) and then waits while a fresh interpreter
starts the server (~5 s), in series with everything else. `chipdemand run` instead starts that same
server process (Prefect's app factory, flags and environment, as `SubprocessASGIServer` runs it) as its
first step, so that it comes up while the CLI imports the pipeline, and points the run at it. A
configured API (`prefect server start`, `make ui`, Prefect Cloud) is used as it is: nothing is started,
or the early server is stopped unused when the Prefect profile turns out to name an API.
"""
from __future__ import annotations

import atexit
import importlib.util
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

import httpx

PORT_TAKEN = 3            # uvicorn's exit code when the port is already bound
SERVER_ENV = {"PREFECT_UI_ENABLED": "0", "PREFECT__SERVER_EPHEMERAL": "1", "PREFECT__SERVER_FINAL": "1"}


class ApiServerError(RuntimeError):
    """The temporary API server did not come up; the message says why."""


def free_port() -> int:
    """A loopback port nobody listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def prefect_app_dir() -> str:
    """The folder that holds the prefect package (uvicorn's --app-dir), found without importing Prefect."""
    spec = importlib.util.find_spec("prefect")
    if spec is None or not spec.submodule_search_locations:
        raise ApiServerError("prefect is not installed in this environment")
    return str(Path(list(spec.submodule_search_locations)[0]).parent)


class TemporaryApiServer:
    """Prefect's API app under uvicorn on a loopback port, for the lifetime of one command."""

    def __init__(self, env: dict[str, str] | None = None) -> None:
        self.env = env   # the server's environment (PREFECT_HOME ...); None: this process's
        self.port = 0
        self.process: subprocess.Popen | None = None
        self.exit_hook = False

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api"

    def start(self) -> TemporaryApiServer:
        """Launch the server process and return at once (`wait_ready` waits for it)."""
        self.port = free_port()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "--app-dir", prefect_app_dir(), "--factory",
             "prefect.server.api.server:create_app", "--host", "127.0.0.1", "--port", str(self.port),
             "--log-level", "error", "--lifespan", "on"],
            env={**(os.environ if self.env is None else self.env), **SERVER_ENV}, stdin=subprocess.DEVNULL)
        if not self.exit_hook:   # registered before Prefect's own exit hooks, so it runs after them
            atexit.register(self.stop)
            self.exit_hook = True
        return self

    def wait_ready(self, timeout_s: float) -> str:
        """Block until the server answers /health; its API URL. Starts again when stopped or its port was taken."""
        deadline = time.monotonic() + timeout_s
        with httpx.Client(timeout=2.0) as client:
            while time.monotonic() < deadline:
                if self.process is None:   # stopped earlier (a configured API was used meanwhile): start again
                    self.start()
                code = self.process.poll()
                if code == PORT_TAKEN:
                    self.start()
                elif code is not None:
                    raise ApiServerError(f"the temporary Prefect API server exited with code {code}; "
                                         "run with --verbose, or set PREFECT_API_URL to a running server")
                try:
                    if client.get(f"{self.api_url}/health").status_code == 200:
                        return self.api_url
                except httpx.TransportError:
                    pass
                time.sleep(0.05)
        self.stop()
        raise ApiServerError(f"the temporary Prefect API server did not answer within {timeout_s:.0f} s "
                             "(PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS); set PREFECT_API_URL to a running server")

    def stop(self) -> None:
        """Terminate the server (killed after 5 s); safe to call twice."""
        if self.process is None:
            return
        process, self.process = self.process, None
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@lru_cache(maxsize=1)
def shared_server() -> TemporaryApiServer:
    """This process's temporary server, started on first use and reused by later runs (as Prefect's own is)."""
    return TemporaryApiServer().start()


def start_early() -> None:
    """Start the shared server now unless PREFECT_API_URL is in the environment (a profile is checked later)."""
    if not os.environ.get("PREFECT_API_URL"):
        shared_server()


@contextmanager
def prefect_api() -> Iterator[str]:
    """Run the block against the Prefect API the settings name, else against the shared temporary server
    (a server started early and then found unneeded, because a profile names an API, is stopped)."""
    from prefect.settings import PREFECT_API_URL, PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS, temporary_settings

    configured = PREFECT_API_URL.value()
    if configured:
        if shared_server.cache_info().currsize:
            shared_server().stop()
        yield configured
        return
    # the server stays up until exit: Prefect's log and event workers flush to it then
    url = shared_server().wait_ready(float(PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS.value()))
    with temporary_settings(updates={PREFECT_API_URL: url}):
        yield url
