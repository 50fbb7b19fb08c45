"""A temporary Prefect API server for one command-line run, started before the run's own imports.

With no PREFECT_API_URL configured, Prefect starts a temporary API server inside `Flow.__call__`: it
imports the server's code into the calling process (~3 s) and then waits while a fresh interpreter
starts the server (~5 s), in series with everything else. `chipdemand run` instead starts that same
server process (Prefect's app factory, flags and environment, as `SubprocessASGIServer` runs it) as its
first step, before Prefect is imported, so that it comes up while the CLI imports the pipeline, and
points PREFECT_API_URL at it for the whole process. A configured API (`prefect server start`, `make ui`,
Prefect Cloud: in the environment or the active profile) is used as it is, and nothing is started.

The server goes when the run goes, however the run ends: `stop()` at a normal exit, and otherwise a pipe.
The server process runs this module (`python -m flows.api_server <uvicorn arguments>`), whose stdin is a
pipe that only the run holds open; when the run exits in any way (SIGTERM, SIGKILL, a crash) the pipe
closes, the server reads end-of-file, and it shuts down (uvicorn's graceful stop, then a hard exit after
`STOP_GRACE_S`). No signal handler or process group is needed, and it works on every platform.
"""
from __future__ import annotations

import atexit
import importlib.util
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import tomllib
from pathlib import Path

import httpx

PORT_TAKEN = 3            # uvicorn's exit code when the port is already bound
STOP_GRACE_S = 5.0        # after its run is gone, the server's time to stop cleanly before it exits hard
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
        # stdin: a pipe whose write end only this process holds (see the module docstring);
        # -P: a `flows` folder in the user's working directory must not stand in for this package
        self.process = subprocess.Popen(
            [sys.executable, "-P", "-m", "flows.api_server", "--app-dir", prefect_app_dir(), "--factory",
             "prefect.server.api.server:create_app", "--host", "127.0.0.1", "--port", str(self.port),
             "--log-level", "error", "--lifespan", "on"],
            env={**(os.environ if self.env is None else self.env), **SERVER_ENV}, stdin=subprocess.PIPE)
        if not self.exit_hook:   # registered before Prefect's own exit hooks, so it runs after them
            atexit.register(self.stop)
            self.exit_hook = True
        return self

    def wait_ready(self, timeout_s: float) -> str:
        """Block until the server answers /health; its API URL. Starts again when stopped or its port was taken."""
        deadline = time.monotonic() + timeout_s
        with httpx.Client(timeout=2.0) as client:
            while time.monotonic() < deadline:
                if self.process is None:   # stopped earlier: start again
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
        process.stdin.close()
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def profile_names_an_api(environ: dict[str, str] | None = None) -> bool:
    """Whether the active Prefect profile (profiles.toml) sets PREFECT_API_URL, read without importing Prefect."""
    env = os.environ if environ is None else environ
    home = Path(env.get("PREFECT_HOME") or "~/.prefect").expanduser()
    path = Path(env.get("PREFECT_PROFILES_PATH") or home / "profiles.toml").expanduser()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError):
        return False
    active = env.get("PREFECT_PROFILE") or data.get("active") or "ephemeral"
    return "PREFECT_API_URL" in data.get("profiles", {}).get(active, {})


def start_early() -> TemporaryApiServer | None:
    """For a command-line run, before Prefect is imported: start the temporary server and point
    PREFECT_API_URL at it, so that everything Prefect does in this process (log and event workers at exit
    included) uses it. Nothing is started when an API is configured (environment or active profile), or
    when Prefect is already imported (its settings are read at import: it keeps its own temporary server)."""
    if os.environ.get("PREFECT_API_URL") or profile_names_an_api() or "prefect" in sys.modules:
        return None
    server = TemporaryApiServer().start()
    os.environ["PREFECT_API_URL"] = server.api_url
    return server


def wait_until_ready(server: TemporaryApiServer | None) -> None:
    """Before the first flow call: wait for the early server (timeout: PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS)."""
    if server is not None:
        server.wait_ready(float(os.environ.get("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS") or 120))


def stop_when_parent_goes(grace_s: float = STOP_GRACE_S) -> None:
    """In the server process: once stdin (the pipe from the run) reaches end-of-file, the run is gone;
    ask uvicorn to stop (SIGTERM, its graceful shutdown) and exit hard if it has not after `grace_s`."""

    def watch() -> None:
        try:
            while os.read(sys.stdin.fileno(), 4096):   # the run never writes: this returns b"" when it is gone
                pass
        except OSError:
            pass
        os.kill(os.getpid(), signal.SIGTERM)
        time.sleep(grace_s)
        os._exit(1)

    threading.Thread(target=watch, name="run-watch", daemon=True).start()


def serve_api(argv: list[str]) -> None:
    """The server process: uvicorn with `argv`, stopped when the run that started it is gone."""
    from uvicorn.main import main as uvicorn_main

    stop_when_parent_goes()
    uvicorn_main(args=argv, prog_name="uvicorn")


if __name__ == "__main__":
    serve_api(sys.argv[1:])
