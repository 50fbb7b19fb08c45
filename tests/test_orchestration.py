"""Orchestration: the deployment, `make ui`, UI-style runs, one writer at a time, Dask.

One real Prefect server per module: `python -m flows.ui` (what `make ui` runs) on a free loopback
port with its own PREFECT_HOME, serving `chip-demand-pipeline/daily`. Runs are triggered through the
API exactly as the UI's Run button does, and once by clicking Run → Quick run in headless Chromium.
The fixture's teardown checks that SIGTERM stops the launcher and both of its processes.
"""
from __future__ import annotations

import os
import queue
import re
import shutil
import signal
import socket
import subprocess
import sys
import itertools
import json
import textwrap
import threading
import time
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

import duckdb
import httpx
import pytest
import yaml
from prefect.cli.deploy._models import PrefectYamlModel
from prefect.client.orchestration import get_client
from prefect.client.schemas.filters import (ArtifactFilter, ArtifactFilterFlowRunId, DeploymentFilter,
                                            DeploymentFilterId, LogFilter, LogFilterFlowRunId)
from prefect.flows import load_flow_from_entrypoint
from prefect.settings import PREFECT_API_URL, temporary_settings
from websockets.sync.client import connect as websocket_connect

from flows import deploy, ui
from flows.defaults import PROJECT_ROOT

CHROMIUM = Path("/usr/bin/chromium")
START_TIMEOUT_S = 180.0
RUN_TIMEOUT_S = 240.0
READY_LINE = "Ctrl-C stops both."
DEPLOYMENT_LINE = re.compile(r"^Deployment:\s+(?P<url>\S+/deployments/deployment/(?P<id>[0-9a-f-]{36}))$")
PIDS_LINE = re.compile(r"^Processes: prefect server pid (?P<server>\d+), served deployment pid (?P<served>\d+)$")

ARTICLES = {
    "cloud-buildout.txt": textwrap.dedent("""\
        Alibaba widens its AI data centre plans

        Alibaba said on Tuesday it would spend 380 billion yuan on cloud computing and AI infrastructure
        over the next three years. Analysts expect a large share of the money to go to accelerator chips.
        The company did not say which suppliers it would use.
        """),
    "tiktok-owner.txt": textwrap.dedent("""\
        ByteDance lines up domestic accelerators

        ByteDance plans to buy about 100,000 Ascend 910B chips from Huawei in 2025, two people familiar
        with the matter said. The TikTok owner has also kept ordering Nvidia H20 processors.
        A spokesperson declined to comment.
        """),
    "export-rule.html": textwrap.dedent("""\
        <html><head><title>Washington tightens chip export rules</title></head>
        <body><article>
        <h1>Washington tightens chip export rules</h1>
        <p>The U.S. Commerce Department on Monday added 140 Chinese companies to its Entity List,
        restricting their access to advanced semiconductors and chipmaking tools.</p>
        <p>The rule also limits sales of high-bandwidth memory to buyers in China. Officials said the
        measure takes effect at the end of the month.</p>
        <p>Chinese officials criticised the decision and said they would respond.</p>
        </article></body></html>
        """),
}


@dataclass
class RunningUI:
    """`python -m flows.ui` as started by the fixture, with what it printed."""

    process: subprocess.Popen
    api_url: str
    ui_url: str
    deployment_id: str
    server_pid: int
    served_pid: int
    lines: list[str]
    quick_run_db: Path      # the run form's default `db`, what Quick run loads


def write_articles(folder: Path) -> Path:
    """The three test articles as files in `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def read_lines_into(stream, sink: queue.Queue) -> None:
    for line in stream:
        sink.put(line.rstrip("\n"))
    sink.put(None)


def wait_for_ready(process: subprocess.Popen, lines: queue.Queue, timeout_s: float) -> list[str]:
    """The launcher's output up to its ready line; fails with the output when it exits or stalls."""
    seen: list[str] = []
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            line = lines.get(timeout=1.0)
        except queue.Empty:
            continue
        if line is None:
            pytest.fail(f"flows.ui exited with {process.wait()}:\n" + "\n".join(seen))
        seen.append(line)
        if line == READY_LINE:
            return seen
    process.kill()
    pytest.fail(f"flows.ui not ready after {timeout_s:.0f} s:\n" + "\n".join(seen))


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


@pytest.fixture(scope="module")
def running_ui(tmp_path_factory) -> RunningUI:
    """`make ui` on a free port; on teardown, SIGTERM must stop it and both of its children."""
    home = tmp_path_factory.mktemp("prefect-home")
    quick = tmp_path_factory.mktemp("quick-run")
    sources, db = write_articles(quick / "articles"), quick / "quick.duckdb"
    port = ui.free_port()
    env = {**os.environ,
           "PREFECT_RUNNER_POLL_FREQUENCY": "1",                          # pick up triggered runs quickly
           "PREFECT_SERVER_DEPLOYMENTS_CONCURRENCY_SLOT_WAIT_SECONDS": "1",
           "PREFECT_LOGGING_LEVEL": "INFO",
           "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen([sys.executable, "-m", "flows.ui", "--port", str(port), "--home", str(home),
                                "--sources", str(sources), "--db", str(db)],
                               cwd=PROJECT_ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               text=True)
    lines: queue.Queue = queue.Queue()
    threading.Thread(target=read_lines_into, args=(process.stdout, lines), daemon=True).start()
    seen = wait_for_ready(process, lines, START_TIMEOUT_S)
    deployment = next(m for m in map(DEPLOYMENT_LINE.match, seen) if m)
    pids = next(m for m in map(PIDS_LINE.match, seen) if m)
    running = RunningUI(process, ui.api_url_for("127.0.0.1", port), f"http://127.0.0.1:{port}", deployment["id"],
                        int(pids["server"]), int(pids["served"]), seen, db)
    yield running
    process.send_signal(signal.SIGTERM)
    code = process.wait(timeout=60)
    assert code == 0, f"flows.ui exited with {code} on SIGTERM"
    assert not pid_alive(running.server_pid) and not pid_alive(running.served_pid)
    assert ui.port_is_free("127.0.0.1", port)


@pytest.fixture(scope="module")
def client(running_ui):
    """A synchronous Prefect client for the module's server."""
    with temporary_settings({PREFECT_API_URL: running_ui.api_url}):
        with get_client(sync_client=True) as prefect_client:
            yield prefect_client


def wait_for_final(client, flow_run_ids, timeout_s: float = RUN_TIMEOUT_S):
    """The flow runs once all are in a final state (bounded wait on external processes)."""
    deadline = time.monotonic() + timeout_s
    while True:
        runs = [client.read_flow_run(i) for i in flow_run_ids]
        if all(r.state is not None and r.state.is_final() for r in runs):
            return runs
        if time.monotonic() >= deadline:
            pytest.fail("runs not finished in time: " + ", ".join(f"{r.name}={r.state_name}" for r in runs))
        time.sleep(0.5)


def run_from_ui(client, deployment_id: str, **parameters):
    """What the UI's Run → Custom run → Submit does: create a flow run of the deployment."""
    return client.create_flow_run_from_deployment(deployment_id, parameters=parameters)


def warehouse_rows(db: Path, table: str, columns: str) -> list[tuple]:
    """Sorted rows of `table` from a read-only connection."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        return sorted(con.execute(f"SELECT {columns} FROM {table}").fetchall(), key=repr)
    finally:
        con.close()


def evidence_mismatches(db: Path) -> int:
    """Fact rows whose evidence is not the slice of the article text they point at."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(
            "SELECT count(*) FROM chip_spend s JOIN articles a USING (article_id) "
            "WHERE substr(a.text, s.char_start + 1, s.char_end - s.char_start) <> s.evidence").fetchone()[0]
    finally:
        con.close()


# --- the deployment as configuration (no server) ---------------------------------------------------

def test_deployment_runs_on_the_configured_cron():
    deployment = deploy.build_deployment("15 4 * * 1-5", timezone="Europe/Berlin")
    (schedule,) = deployment.schedules
    assert (schedule.schedule.cron, schedule.schedule.timezone, schedule.active) == ("15 4 * * 1-5", "Europe/Berlin", True)
    assert deployment.name == "daily" and deployment.flow_name == "chip-demand-pipeline"


def test_default_schedule_is_daily_unless_the_environment_says_otherwise():
    assert deploy.default_cron({}) == "0 6 * * *"
    assert deploy.default_cron({"CHIPDEMAND_CRON": "*/30 * * * *"}) == "*/30 * * * *"


def test_bad_cron_is_refused_before_anything_is_registered():
    with pytest.raises(deploy.ScheduleError, match="every morning"):
        deploy.build_deployment("every morning")


def test_overlapping_runs_wait_by_default_and_can_be_skipped():
    waits = deploy.build_deployment().concurrency_options.collision_strategy
    skips = deploy.build_deployment(overlap="skip").concurrency_options.collision_strategy
    assert (waits.value, skips.value) == ("ENQUEUE", "CANCEL_NEW")
    assert deploy.build_deployment().concurrency_limit == 1


def test_unknown_overlap_policy_is_refused():
    with pytest.raises(deploy.ScheduleError, match="wait, skip"):
        deploy.build_deployment(overlap="never")


def test_run_form_parameters_are_typed_and_described():
    props = deploy.build_deployment()._parameter_openapi_schema.properties
    for name in ("sources", "db", "reextract", "allow_private_hosts", "task_runner", "dask_address", "workers"):
        assert props[name].get("description"), f"{name} has no description in the run form"
    assert props["reextract"]["type"] == "boolean" and props["workers"]["type"] == "integer"
    assert props["task_runner"]["enum"] == ["auto", "threads", "processes", "dask"]


def test_prefect_yaml_declares_the_same_deployment_for_work_pools():
    config = PrefectYamlModel.model_validate(yaml.safe_load((PROJECT_ROOT / "prefect.yaml").read_text()))
    (spec,) = config.deployments
    assert spec.name == deploy.DEPLOYMENT_NAME and spec.schedules[0].cron == deploy.DEFAULT_CRON
    assert (spec.concurrency_limit.limit, spec.concurrency_limit.collision_strategy) == (1, "ENQUEUE")
    entry_file, entry_name = spec.entrypoint.split(":")
    flow = load_flow_from_entrypoint(f"{PROJECT_ROOT / entry_file}:{entry_name}")
    assert flow.name == "chip-demand-pipeline"


def test_ui_refuses_a_port_in_use_with_a_hint(tmp_path):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        with pytest.raises(ui.UIStartError, match="--port"):
            ui.start_server(tmp_path, "127.0.0.1", busy.getsockname()[1], os.environ)


# --- make ui: a real server and the served deployment -----------------------------------------------

def test_make_ui_prints_the_ui_address_and_how_to_run(running_ui):
    text = "\n".join(running_ui.lines)
    assert f"Prefect UI:   {running_ui.ui_url}" in text
    assert "click Run" in text and f"db={running_ui.quick_run_db}" in text   # what Quick run will load


def test_schedule_is_visible_on_the_server(client, running_ui):
    deployment = client.read_deployment(running_ui.deployment_id)
    (schedule,) = deployment.schedules
    assert (schedule.schedule.cron, schedule.active, deployment.paused) == (deploy.DEFAULT_CRON, True, False)


@dataclass
class FinishedRun:
    flow_run: object
    db: Path


@pytest.fixture(scope="module")
def run_from_the_form(client, running_ui, tmp_path_factory) -> FinishedRun:
    """One run created like Run → Custom run → Submit, with sources and db filled in, waited on."""
    folder = tmp_path_factory.mktemp("custom-run")
    sources, db = write_articles(folder / "articles"), folder / "ui.duckdb"
    created = run_from_ui(client, running_ui.deployment_id, sources=str(sources), db=str(db))
    (finished,) = wait_for_final(client, [created.id])
    return FinishedRun(finished, db)


def test_run_button_fills_the_warehouse(run_from_the_form):
    finished, db = run_from_the_form.flow_run, run_from_the_form.db
    assert finished.state.is_completed(), finished.state.message
    sources_seen = [row[0] for row in warehouse_rows(db, "articles", "source")]
    assert sorted(Path(s).name for s in sources_seen) == sorted(ARTICLES)
    assert warehouse_rows(db, "pipeline_runs", "flow_run_id, status") == [(str(finished.id), "completed")]


def test_each_run_publishes_its_counts_as_a_markdown_artifact(client, run_from_the_form):
    artifacts = client.read_artifacts(
        artifact_filter=ArtifactFilter(flow_run_id=ArtifactFilterFlowRunId(any_=[run_from_the_form.flow_run.id])))
    (summary,) = [a for a in artifacts if a.key == "chipdemand-run-summary"]
    assert summary.type == "markdown" and "| pages seen | 3 |" in summary.data


def run_log_lines(client, flow_run_id, expected: str, timeout_s: float = 60.0) -> list[str]:
    """The flow run's log messages as the UI reads them, once `expected` is among them (logs are sent in
    batches, a moment after the run ends)."""
    deadline = time.monotonic() + timeout_s
    while True:
        lines = [log.message for log in client.read_logs(
            log_filter=LogFilter(flow_run_id=LogFilterFlowRunId(any_=[flow_run_id])), limit=200)]
        if any(expected in line for line in lines) or time.monotonic() >= deadline:
            return lines
        time.sleep(0.5)


def artifacts_of(client, flow_run_id) -> dict:
    return {a.key: a for a in client.read_artifacts(
        artifact_filter=ArtifactFilter(flow_run_id=ArtifactFilterFlowRunId(any_=[flow_run_id])))}


def test_a_runs_stages_and_a_failed_sources_reason_are_in_its_log(client, running_ui, tmp_path, http_server):
    """A deployment run triggered through the API: its log, read back through the API, has a line per stage
    and the failed source with its reason; its artifacts show progress, counts and the failed fetch."""
    feed = http_server.route("/feed.xml", body=b"<rss/>", headers={"Content-Type": "application/rss+xml"})
    articles = write_articles(tmp_path / "articles")
    sources = tmp_path / "sources.toml"
    sources.write_text(f'[[sources]]\nname = "desk"\nkind = "folder"\npath = "{articles}"\n\n'
                       f'[[sources]]\nname = "local-wire"\nkind = "feed"\nurl = "{feed}"\n')
    created = run_from_ui(client, running_ui.deployment_id, sources=str(sources), db=str(tmp_path / "logs.duckdb"))
    (finished,) = wait_for_final(client, [created.id])
    assert finished.state.is_completed(), finished.state.message
    assert finished.name.startswith("desk+local-wire ")
    lines = run_log_lines(client, finished.id, "done: completed")
    text = "\n".join(lines)
    for stage in ("start: run ", "discover: 2 source(s) gave 3 page(s)", "validate: 3 article(s)",
                  "load: one transaction", "done: completed"):
        assert stage in text, f"{stage!r} not in the run's log:\n{text}"
    assert f"source failed: {feed} (refused: private_address" in text
    found = artifacts_of(client, finished.id)
    assert found["chipdemand-run-progress"].type == "progress" and found["chipdemand-run-progress"].data == 100.0
    problems = found["chipdemand-run-problems"]
    assert problems.type == "table" and feed in problems.data and "private_address" in problems.data


def test_a_terminal_run_stays_quiet_while_the_ui_gets_its_log(client, running_ui, tmp_path):
    """`chipdemand run` against a Prefect server: the stage lines go to the server, not to the terminal."""
    sources, db = write_articles(tmp_path / "articles"), tmp_path / "cli.duckdb"
    env = {**os.environ, "PREFECT_API_URL": running_ui.api_url}
    for name in ("PREFECT_LOGGING_LEVEL", "PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL"):
        env.pop(name, None)   # as a user's shell has them: unset
    result = subprocess.run([sys.executable, "-m", "flows.cli", "run", "--sources", str(sources), "--db", str(db)],
                            cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=RUN_TIMEOUT_S)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "validate:" not in result.stdout + result.stderr and "INFO" not in result.stderr
    ((flow_run_id,),) = warehouse_rows(db, "pipeline_runs", "flow_run_id")
    lines = run_log_lines(client, flow_run_id, "done: completed")
    assert any(line.startswith("validate: 3 article(s)") for line in lines), lines


def test_failing_run_is_marked_failed_with_the_reason(client, running_ui, tmp_path):
    missing = tmp_path / "no-such-folder"
    created = run_from_ui(client, running_ui.deployment_id, sources=str(missing), db=str(tmp_path / "f.duckdb"))
    (finished,) = wait_for_final(client, [created.id])
    assert finished.state.is_failed()
    assert str(missing) in finished.state.message


def test_overlapping_runs_take_turns_on_one_warehouse(client, running_ui, tmp_path):
    sources = write_articles(tmp_path / "articles")
    db = tmp_path / "shared.duckdb"
    first = run_from_ui(client, running_ui.deployment_id, sources=str(sources), db=str(db))
    second = run_from_ui(client, running_ui.deployment_id, sources=str(sources), db=str(db))
    runs = wait_for_final(client, [first.id, second.id])
    assert all(r.state.is_completed() for r in runs), [r.state.message for r in runs]
    spans = []
    for r in runs:
        states = client.read_flow_run_states(r.id)
        running = next(s.timestamp for s in states if s.type.value == "RUNNING")
        ended = next(s.timestamp for s in states if s.is_final())
        spans.append((running, ended, [s.name for s in states]))
    spans.sort()
    assert spans[0][1] <= spans[1][0], f"two runs wrote at once: {spans}"
    assert "AwaitingConcurrencySlot" in spans[1][2]
    assert len(warehouse_rows(db, "articles", "article_id")) == len(ARTICLES)
    assert evidence_mismatches(db) == 0


def test_run_is_refused_clearly_while_another_process_writes(client, running_ui, tmp_path):
    """A writer outside the deployment (here: this test process) holds the lock; the run gives up clearly."""
    sources = write_articles(tmp_path / "articles")
    db = tmp_path / "held.duckdb"
    holder = duckdb.connect(str(db))
    holder.execute("CREATE TABLE held_by_someone_else (x INTEGER)")
    script = ("from flows.pipeline import build_config, run\n"
              f"run(build_config(sources={str(sources)!r}, db={str(db)!r}, lock_wait_s=1.0))\n")
    env = {**os.environ, "PREFECT_API_URL": running_ui.api_url}
    try:
        result = subprocess.run([sys.executable, "-c", script], cwd=PROJECT_ROOT, env=env, capture_output=True,
                                text=True, timeout=RUN_TIMEOUT_S)
    finally:
        holder.close()
    assert result.returncode != 0
    assert "WarehouseBusyError" in result.stderr and "being written by another run" in result.stderr
    assert warehouse_rows(db, "held_by_someone_else", "x") == []          # untouched by the refused run
    assert "articles" not in {t for (t,) in warehouse_rows(db, "information_schema.tables", "table_name")}


def test_dask_runner_loads_the_same_rows_as_the_default(running_ui, tmp_path):
    from flows.pipeline import run

    sources = write_articles(tmp_path / "articles")
    columns = {"articles": "article_id, title, text, content_sha256",
               "chip_spend": "fact_id, company, year, amount_usd, units, chip_model, evidence, char_start, char_end",
               "policy_events": "event_id, actor, instrument, target, event_date, evidence, char_start, char_end"}
    with temporary_settings({PREFECT_API_URL: running_ui.api_url}):
        default = run(sources=str(sources), db=str(tmp_path / "default.duckdb"))
        on_dask = run(sources=str(sources), db=str(tmp_path / "dask.duckdb"), task_runner="dask", workers=2)
    assert default["status"] == on_dask["status"] == "completed"
    for table, cols in columns.items():
        assert (warehouse_rows(tmp_path / "dask.duckdb", table, cols)
                == warehouse_rows(tmp_path / "default.duckdb", table, cols)), table
    assert len(warehouse_rows(tmp_path / "dask.duckdb", "articles", "article_id")) == len(ARTICLES)
    assert len(warehouse_rows(tmp_path / "dask.duckdb", "chip_spend", "fact_id")) >= 2   # rows to compare


@pytest.mark.skipif(not CHROMIUM.exists(), reason="headless Chromium not installed (/usr/bin/chromium)")
def test_deployments_page_shows_the_deployment_in_a_browser(running_ui, tmp_path):
    command = [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
               f"--user-data-dir={tmp_path / 'profile'}", "--virtual-time-budget=20000", "--dump-dom",
               f"{running_ui.ui_url}/deployments"]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert "chip-demand-pipeline" in result.stdout and "daily" in result.stdout, result.stderr[-2000:]


class Browser:
    """Headless Chromium driven over the DevTools protocol: enough to open a page and click by label."""

    def __init__(self, profile: Path):
        self.process = subprocess.Popen(
            [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
             f"--user-data-dir={profile}", "--remote-debugging-port=0", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        port_file = profile / "DevToolsActivePort"
        self.wait_for(lambda: port_file.exists() and port_file.read_text().strip(), "Chromium's debugging port")
        port = int(port_file.read_text().split()[0])
        targets = httpx.get(f"http://127.0.0.1:{port}/json", timeout=5).json()
        page = next(t for t in targets if t["type"] == "page")
        self.socket = websocket_connect(page["webSocketDebuggerUrl"], max_size=None)
        self.ids = itertools.count(1)

    def call(self, method: str, **params) -> dict:
        request_id = next(self.ids)
        self.socket.send(json.dumps({"id": request_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.socket.recv(timeout=30))
            if message.get("id") == request_id:
                return message.get("result", {})

    def evaluate(self, expression: str):
        return self.call("Runtime.evaluate", expression=expression, returnByValue=True)["result"].get("value")

    def click_text(self, label: str) -> bool:
        """Click the innermost element whose whole text is `label`; False when there is none (yet)."""
        return self.evaluate(
            "(() => { const el = [...document.querySelectorAll('body *')].reverse()"
            f".find(e => e.textContent.trim() === {json.dumps(label)} && e.offsetParent !== null);"
            " if (!el) return false; el.click(); return true; })()")

    @staticmethod
    def poll(check, timeout_s: float):
        """`check()` once it is truthy, or None after `timeout_s`."""
        deadline = time.monotonic() + timeout_s
        while not (result := check()):
            if time.monotonic() >= deadline:
                return None
            time.sleep(0.25)
        return result

    @staticmethod
    def wait_for(check, what: str, timeout_s: float = 60.0):
        result = Browser.poll(check, timeout_s)
        if result is None:
            pytest.fail(f"browser: {what} not there after {timeout_s:.0f} s")
        return result

    def page_text(self) -> str:
        return self.evaluate("document.body.innerText") or ""

    def close(self) -> None:
        self.socket.close()
        self.process.terminate()
        self.process.wait(timeout=30)


@pytest.mark.skipif(not CHROMIUM.exists(), reason="headless Chromium not installed (/usr/bin/chromium)")
def test_clicking_quick_run_in_the_ui_fills_the_warehouse(client, running_ui, tmp_path):
    def runs_of_deployment() -> set:
        """Runs due now: the scheduler's own runs for the next days (created whenever it wakes) are not ours."""
        soon = datetime.now(timezone.utc) + timedelta(minutes=5)
        return {r.id for r in client.read_flow_runs(
            deployment_filter=DeploymentFilter(id=DeploymentFilterId(any_=[running_ui.deployment_id])))
            if r.expected_start_time is None or r.expected_start_time <= soon}

    before = runs_of_deployment()
    browser = Browser(tmp_path / "profile")
    try:
        # A click that lands while the page is still wiring its handlers does nothing, so a busy machine
        # gets a fresh page and another click; the run itself (not the toast) is what must appear.
        for _attempt in range(3):
            browser.call("Page.navigate", url=f"{running_ui.ui_url}/deployments/deployment/{running_ui.deployment_id}")
            browser.wait_for(lambda: browser.click_text("Run"), "the Run button")
            if not browser.poll(lambda: browser.click_text("Quick run"), 20.0):
                continue
            if browser.poll(lambda: "scheduled to start now" in browser.page_text() or runs_of_deployment() - before,
                            30.0):
                break
        else:
            pytest.fail(f"browser: three Quick run clicks started no run; the page said: {browser.page_text()[:500]!r}")
    finally:
        browser.close()
    new_runs = Browser.wait_for(lambda: runs_of_deployment() - before, "the new flow run", RUN_TIMEOUT_S)
    finished = wait_for_final(client, list(new_runs))
    assert all(run.state.is_completed() for run in finished), [run.state.message for run in finished]
    assert len(warehouse_rows(running_ui.quick_run_db, "articles", "article_id")) == len(ARTICLES)
