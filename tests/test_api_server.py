"""The temporary Prefect API server that `chipdemand run` starts early (flows/api_server.py)."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import httpx
import psutil
import pytest

from flows.api_server import TemporaryApiServer, profile_names_an_api, start_early

DATA = Path(__file__).parent / "data" / "mini"


def test_server_answers_health_then_stops_and_frees_its_port():
    server = TemporaryApiServer().start()
    try:
        url = server.wait_ready(180)
        assert httpx.get(f"{url}/health").status_code == 200
    finally:
        server.stop()
    assert server.process is None
    with pytest.raises(httpx.TransportError):
        httpx.get(f"{url}/health", timeout=2)


def test_a_stopped_server_starts_again_when_waited_for():
    server = TemporaryApiServer().start()
    try:
        server.wait_ready(180)
        server.stop()
        url = server.wait_ready(180)
        assert httpx.get(f"{url}/health").status_code == 200
    finally:
        server.stop()


def test_an_api_in_the_active_profile_is_noticed(tmp_path):
    profiles = tmp_path / "profiles.toml"
    profiles.write_text('active = "work"\n[profiles.work]\nPREFECT_API_URL = "http://prefect.internal:4200/api"\n'
                        '[profiles.local]\nPREFECT_LOGGING_LEVEL = "INFO"\n')
    assert profile_names_an_api({"PREFECT_HOME": str(tmp_path)})
    assert not profile_names_an_api({"PREFECT_HOME": str(tmp_path), "PREFECT_PROFILE": "local"})
    assert not profile_names_an_api({"PREFECT_HOME": str(tmp_path / "none")})


def test_nothing_starts_once_prefect_is_imported():
    """In-process callers (tests, notebooks) keep Prefect's own temporary server: its settings are fixed at import."""
    import prefect  # noqa: F401  (conftest and the flows import it in any real session)

    assert start_early() is None and "PREFECT_API_URL" not in os.environ


def test_a_command_line_run_uses_the_early_server_and_leaves_no_process_behind(tmp_path):
    """A real `chipdemand run` in a fresh process: it loads, exits promptly, and stops the server it started."""
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    env["PREFECT_HOME"] = str(tmp_path / "prefect")
    cli = Path(sys.executable).parent / "chipdemand"
    proc = subprocess.Popen([str(cli), "run", "--sources", str(DATA), "--db", str(tmp_path / "w.duckdb")],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    servers = set()   # direct children only: a process the server forks shows its command line until it execs
    while proc.poll() is None:
        try:
            servers |= {c.pid for c in psutil.Process(proc.pid).children()
                        if "prefect.server.api.server:create_app" in " ".join(c.cmdline())}
        except psutil.Error:
            pass
    out, errs = proc.communicate(timeout=300)
    assert proc.returncode == 0, errs[-2000:]
    assert "articles new / updated / unchanged" in " ".join(out.split())
    assert len(servers) == 1                      # the early server, not a second one started by Prefect
    assert not any(psutil.pid_exists(pid) and psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
                   for pid in servers)


def session_processes(sid: int) -> list[psutil.Process]:
    """Live (non-zombie) processes of session `sid`."""
    found = []
    for p in psutil.process_iter():
        try:
            if os.getsid(p.pid) == sid and p.status() != psutil.STATUS_ZOMBIE:
                found.append(p)
        except (psutil.Error, OSError):
            pass
    return found


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGKILL])
def test_the_server_stops_when_the_run_is_killed(tmp_path, signum):
    """SIGTERM or SIGKILL of `chipdemand run` once its server is up: nothing of the run stays behind."""
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    env["PREFECT_HOME"] = str(tmp_path / "prefect")
    cli = Path(sys.executable).parent / "chipdemand"
    proc = subprocess.Popen([str(cli), "run", "--sources", str(DATA), "--db", str(tmp_path / "w.duckdb")],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        server = None
        while server is None and proc.poll() is None:
            try:
                server = next((c for c in psutil.Process(proc.pid).children()
                               if "prefect.server.api.server:create_app" in " ".join(c.cmdline())), None)
            except psutil.Error:
                pass
            if server is None:
                try:
                    proc.wait(timeout=0.05)
                except subprocess.TimeoutExpired:
                    pass
        assert server is not None, "the run ended before its API server started"
        proc.send_signal(signum)
        assert proc.wait(timeout=60) == -signum
        left = session_processes(proc.pid)
        _gone, alive = psutil.wait_procs(left, timeout=60)
        assert alive == [], [" ".join(p.cmdline()) for p in alive]
    finally:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
