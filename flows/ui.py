"""`make ui`: a local Prefect server and the served deployment, started together and stopped together.

    python -m flows.ui [--port 4200] [--cron "0 6 * * *"]

1. `prefect server start --host 127.0.0.1 --port 4200` with PREFECT_HOME=<project>/.prefect (its own
   SQLite database, git-ignored), waited on until /api/health answers;
2. `python -m flows.deploy` (the deployment `chip-demand-pipeline/daily`) with PREFECT_API_URL
   pointing at that server, waited on until the deployment is registered;
3. prints the UI address and how to start a run; Ctrl-C or SIGTERM stops the deployment first
   (its schedule is paused) and then the server.

Logs of both processes go to <home>/logs/. The functions are reused by the tests, which start the
same two processes on a free port with a temporary home.
"""
from __future__ import annotations

import argparse
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import httpx

from flows.defaults import home
from flows.deploy import DEPLOYMENT_NAME, default_cron

FLOW_NAME = "chip-demand-pipeline"
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 4200
DEFAULT_HOME = home() / ".prefect"   # the checkout under `make ui`
START_TIMEOUT_S = 120.0
STOP_TIMEOUT_S = 20.0
POLL_S = 0.25
QUIET_PREFECT_ENV = {
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "DO_NOT_TRACK": "1",
    "GX_ANALYTICS_ENABLED": "false",
    "PREFECT_CLI_PROMPT": "false",
    # a run that waits for the warehouse's one writer retries this often (Prefect's default is 30 s)
    "PREFECT_SERVER_DEPLOYMENTS_CONCURRENCY_SLOT_WAIT_SECONDS": "5",
}


class UIStartError(RuntimeError):
    """The Prefect server or the served deployment did not come up; the message says why."""


@dataclass
class ManagedProcess:
    """A child process we started, with the log file its output goes to."""

    name: str
    process: subprocess.Popen
    log_path: Path

    def alive(self) -> bool:
        return self.process.poll() is None

    def log_tail(self, n_lines: int = 25) -> str:
        """The last lines of the process's log, for error messages."""
        try:
            lines = self.log_path.read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError:
            return ""
        return "\n".join(lines[-n_lines:])


def api_url_for(host: str, port: int) -> str:
    """The API address of a server started on host:port."""
    return f"http://{host}:{port}/api"


def ui_url_for(api_url: str) -> str:
    """The UI address that goes with an API address."""
    return api_url.removesuffix("/").removesuffix("/api")


def free_port(host: str = DEFAULT_HOST) -> int:
    """A TCP port nobody listens on right now (for tests and --port 0)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


def port_is_free(host: str, port: int) -> bool:
    """True when nothing listens on host:port."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError:
            return False
        return True


def prefect_environment(home: Path, base: Mapping[str, str], api_url: str | None = None) -> dict[str, str]:
    """The environment for our children: their own PREFECT_HOME, telemetry off, and the API to use."""
    env = {**QUIET_PREFECT_ENV, **base}
    env["PREFECT_HOME"] = str(home)
    if api_url:
        env["PREFECT_API_URL"] = api_url
    else:
        env.pop("PREFECT_API_URL", None)    # the server must not think it is a client of another one
    return env


def start_process(name: str, command: list[str], env: Mapping[str, str], log_dir: Path,
                  cwd: Path | None = None) -> ManagedProcess:
    """Start a child in its own session (so a terminal's Ctrl-C reaches us first and we stop it in order)."""
    log_dir.mkdir(parents=True, exist_ok=True)
    log_path = log_dir / f"{name}.log"
    with open(log_path, "ab") as log:
        process = subprocess.Popen(command, env=dict(env), cwd=cwd or home(), stdout=log, stderr=subprocess.STDOUT,
                                   stdin=subprocess.DEVNULL, start_new_session=True)
    return ManagedProcess(name, process, log_path)


def start_server(home: Path, host: str, port: int, base_env: Mapping[str, str]) -> ManagedProcess:
    """`prefect server start` on host:port with PREFECT_HOME=home."""
    if not port_is_free(host, port):
        raise UIStartError(f"{host}:{port} is already in use: is another Prefect server running? "
                           "Stop it, or choose another port with --port.")
    command = [sys.executable, "-m", "prefect", "server", "start", "--host", host, "--port", str(port),
               "--analytics-off"]
    env = prefect_environment(home, base_env)
    # the UI (a browser app) asks this address for the API; without it, it assumes port 4200
    env.update(PREFECT_SERVER_API_HOST=host, PREFECT_SERVER_API_PORT=str(port), PREFECT_UI_API_URL=api_url_for(host, port))
    return start_process("prefect-server", command, env, home / "logs")


def start_served_deployment(home: Path, api_url: str, base_env: Mapping[str, str], cron: str,
                            extra_args: list[str] | None = None) -> ManagedProcess:
    """`python -m flows.deploy --cron ...` registered with the server at api_url."""
    command = [sys.executable, "-m", "flows.deploy", "--cron", cron, *(extra_args or [])]
    return start_process("served-deployment", command, prefect_environment(home, base_env, api_url), home / "logs")


def wait_until(check, what: str, watched: ManagedProcess, timeout_s: float):
    """Call `check()` until it returns a truthy value; fail if the watched process dies or time runs out."""
    deadline = time.monotonic() + timeout_s
    while True:
        if not watched.alive():
            raise UIStartError(f"{watched.name} exited (code {watched.process.returncode}) before {what}; "
                               f"last lines of {watched.log_path}:\n{watched.log_tail()}")
        result = check()
        if result:
            return result
        if time.monotonic() >= deadline:
            raise UIStartError(f"{what}: not after {timeout_s:.0f} s; last lines of {watched.log_path}:\n"
                               f"{watched.log_tail()}")
        time.sleep(POLL_S)


def server_is_healthy(api_url: str) -> bool:
    """True when GET <api>/health answers 200."""
    try:
        return httpx.get(f"{api_url}/health", timeout=2.0).status_code == 200
    except httpx.HTTPError:
        return False


def registered_deployment_id(api_url: str, name: str = DEPLOYMENT_NAME) -> str | None:
    """The id of `chip-demand-pipeline/<name>` on the server, or None while it is not registered."""
    try:
        response = httpx.get(f"{api_url}/deployments/name/{FLOW_NAME}/{name}", timeout=2.0)
    except httpx.HTTPError:
        return None
    return response.json()["id"] if response.status_code == 200 else None


def stop_process(managed: ManagedProcess, sig: int = signal.SIGTERM, timeout_s: float = STOP_TIMEOUT_S) -> int:
    """Ask the child's process group to stop with `sig`; SIGKILL it if it has not stopped in time."""
    if managed.alive():
        try:
            os.killpg(managed.process.pid, sig)
        except ProcessLookupError:
            pass
        try:
            managed.process.wait(timeout=timeout_s)
        except subprocess.TimeoutExpired:
            os.killpg(managed.process.pid, signal.SIGKILL)
            managed.process.wait()
    return managed.process.returncode


@dataclass
class LocalPrefect:
    """A running local Prefect server and the served deployment."""

    server: ManagedProcess
    served: ManagedProcess
    api_url: str
    deployment_id: str

    @property
    def ui_url(self) -> str:
        return ui_url_for(self.api_url)

    def stop(self) -> None:
        """The deployment first (it pauses its schedule while the server still answers), then the server.

        SIGTERM, not SIGINT: a process started in the background inherits SIGINT ignored, and Prefect's
        runner shuts down gracefully on SIGTERM.
        """
        stop_process(self.served, signal.SIGTERM)
        stop_process(self.server, signal.SIGTERM)


def start_local_prefect(home: Path, host: str, port: int, cron: str, base_env: Mapping[str, str],
                        timeout_s: float = START_TIMEOUT_S, deploy_args: list[str] | None = None) -> LocalPrefect:
    """Start the server, wait until healthy, start the served deployment, wait until registered."""
    home.mkdir(parents=True, exist_ok=True)
    api_url = api_url_for(host, port)
    server = start_server(home, host, port, base_env)
    try:
        wait_until(lambda: server_is_healthy(api_url), f"the Prefect server answered on {api_url}/health",
                   server, timeout_s)
        served = start_served_deployment(home, api_url, base_env, cron, deploy_args)
    except BaseException:
        stop_process(server)
        raise
    try:
        deployment_id = wait_until(lambda: registered_deployment_id(api_url), "the deployment was registered",
                                   served, timeout_s)
    except BaseException:
        stop_process(served)
        stop_process(server)
        raise
    return LocalPrefect(server, served, api_url, deployment_id)


def welcome_message(local: LocalPrefect, cron: str, sources: str | None = None, db: str | None = None) -> str:
    """What to do next, printed once both processes are up."""
    form_defaults = (f"sources={sources or 'sources.toml'}, "
                     f"db={db or '$CHIPDEMAND_DB or warehouse/chipdemand.duckdb'}")
    return "\n".join([
        f"Prefect UI:   {local.ui_url}",
        f"Deployment:   {local.ui_url}/deployments/deployment/{local.deployment_id}",
        f"Schedule:     {cron} (UTC unless CHIPDEMAND_TIMEZONE is set)",
        "",
        f"To run the pipeline now: open Deployments → {FLOW_NAME} / {DEPLOYMENT_NAME}, click Run → Quick run",
        f"({form_defaults}), or Run → Custom run to fill in sources and db, then Submit.",
        "The run's page shows its logs, its state and a markdown artifact with the counts.",
        f"From a terminal instead: PREFECT_API_URL={local.api_url} .venv/bin/prefect deployment run "
        f"'{FLOW_NAME}/{DEPLOYMENT_NAME}'",
        "",
        f"Processes: prefect server pid {local.server.process.pid}, served deployment pid {local.served.process.pid}",
        f"Logs: {local.server.log_path} and {local.served.log_path}",
        "Ctrl-C stops both.",
    ])


def watch_until_stopped(local: LocalPrefect) -> int:
    """Block until Ctrl-C/SIGTERM or until a child dies; 0 for a requested stop, 1 when a child died."""
    stop = threading.Event()
    previous = {s: signal.signal(s, lambda *_: stop.set()) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        while not stop.wait(1.0):
            for child in (local.server, local.served):
                if not child.alive():
                    print(f"{child.name} exited (code {child.process.returncode}); last lines of {child.log_path}:\n"
                          f"{child.log_tail()}", file=sys.stderr)
                    return 1
        return 0
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)


def argument_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m flows.ui", description=__doc__.split("\n\n")[0])
    parser.add_argument("--host", default=DEFAULT_HOST, help="address to listen on [default: 127.0.0.1]")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, help="port of the UI and API [default: 4200]")
    parser.add_argument("--cron", default=None, help="schedule [default: $CHIPDEMAND_CRON, else daily at 06:00 UTC]")
    parser.add_argument("--home", type=Path, default=DEFAULT_HOME, help="PREFECT_HOME of the server [default: .prefect/]")
    parser.add_argument("--sources", default=None, help="default `sources` of the run form [default: sources.toml]")
    parser.add_argument("--db", default=None, help="default `db` of the run form [default: $CHIPDEMAND_DB, else "
                                                   "warehouse/chipdemand.duckdb]")
    return parser


def deploy_arguments(sources: str | None, db: str | None) -> list[str]:
    """Flags for `python -m flows.deploy` that set the run form's defaults (what Quick run uses)."""
    return [*(["--sources", sources] if sources else []), *(["--db", db] if db else [])]


def main(argv: list[str] | None = None) -> int:
    """Entry point of `python -m flows.ui` (`make ui`)."""
    args = argument_parser().parse_args(argv)
    cron = args.cron or default_cron()
    print(f"Starting a Prefect server on {args.host}:{args.port} (PREFECT_HOME={args.home}) ...", flush=True)
    try:
        local = start_local_prefect(args.home.resolve(), args.host, args.port, cron, os.environ,
                                    deploy_args=deploy_arguments(args.sources, args.db))
    except KeyboardInterrupt:
        print("interrupted while starting; stopped.", file=sys.stderr)
        return 130
    except UIStartError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(welcome_message(local, cron, args.sources, args.db), flush=True)
    try:
        code = watch_until_stopped(local)
    finally:
        print("Stopping the served deployment and the Prefect server ...", flush=True)
        local.stop()
        print("Stopped.", flush=True)
    return code


if __name__ == "__main__":
    raise SystemExit(main())
