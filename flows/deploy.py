"""The scheduled deployment `chip-demand-pipeline/daily`: built from configuration, then served.

`serve(cron)` registers the deployment with the Prefect API that `PREFECT_API_URL` points at (a
local `prefect server start`, a shared server, or Prefect Cloud) and runs its flow runs in this
process's machine: runs come from the cron schedule, or from the UI's "Run" button, which fills in
the flow's typed, described parameters.

One writer at a time: the deployment has a concurrency limit of one run. A run that starts while
another is writing either waits (`overlap="wait"`: it shows as *AwaitingConcurrencySlot* in the UI
and starts when the slot frees) or is skipped (`overlap="skip"`: it ends *Cancelled* with "Deployment
concurrency limit reached."). Runs outside the deployment (`chipdemand run`) are kept apart by
DuckDB's write lock, which the flow waits on for a bounded time.

    python -m flows.deploy --cron "0 6 * * *"        # what `chipdemand serve` does
"""
from __future__ import annotations

import argparse
import os
from collections.abc import Mapping
from typing import Any, Literal, get_args

from prefect.client.schemas.objects import ConcurrencyLimitConfig, ConcurrencyLimitStrategy
from prefect.client.schemas.schedules import CronSchedule
from prefect.deployments.runner import EntrypointType, RunnerDeployment

DEPLOYMENT_NAME = "daily"
DEFAULT_CRON = "0 6 * * *"          # every day at 06:00 in DEFAULT_TIMEZONE
DEFAULT_TIMEZONE = "UTC"
CRON_ENV = "CHIPDEMAND_CRON"
TIMEZONE_ENV = "CHIPDEMAND_TIMEZONE"
OverlapPolicy = Literal["wait", "skip"]
TaskRunnerChoice = Literal["auto", "threads", "processes", "dask"]
COLLISION_STRATEGY: dict[str, ConcurrencyLimitStrategy] = {
    "wait": ConcurrencyLimitStrategy.ENQUEUE,
    "skip": ConcurrencyLimitStrategy.CANCEL_NEW,
}
DEPLOYMENT_TAGS = ["chipdemand"]


class ScheduleError(ValueError):
    """The schedule is not valid: its cron expression, time zone or overlap policy."""


def default_cron(environ: Mapping[str, str] | None = None) -> str:
    """`$CHIPDEMAND_CRON`, else the daily default."""
    env = os.environ if environ is None else environ
    return env.get(CRON_ENV, "").strip() or DEFAULT_CRON


def default_timezone(environ: Mapping[str, str] | None = None) -> str:
    """`$CHIPDEMAND_TIMEZONE`, else UTC."""
    env = os.environ if environ is None else environ
    return env.get(TIMEZONE_ENV, "").strip() or DEFAULT_TIMEZONE


def cron_schedule(cron: str, timezone: str = DEFAULT_TIMEZONE) -> CronSchedule:
    """A validated cron schedule; raises ScheduleError naming what is wrong."""
    try:
        return CronSchedule(cron=cron, timezone=timezone)
    except ValueError as exc:   # pydantic's ValidationError is a ValueError
        problems = "; ".join(e["msg"] for e in getattr(exc, "errors", lambda: [])()) or str(exc)
        raise ScheduleError(f"bad schedule {cron!r} ({timezone}): {problems}") from exc


def concurrency_for(overlap: OverlapPolicy) -> ConcurrencyLimitConfig:
    """One run at a time; an overlapping run waits or is skipped."""
    if overlap not in COLLISION_STRATEGY:
        raise ScheduleError(f"overlap must be one of {', '.join(COLLISION_STRATEGY)} (got {overlap!r})")
    return ConcurrencyLimitConfig(limit=1, collision_strategy=COLLISION_STRATEGY[overlap])


def offer_task_runner_choices(deployment: RunnerDeployment) -> None:
    """Make `task_runner` a drop-down in the UI's run form (the flow annotates it as a plain str)."""
    prop = deployment._parameter_openapi_schema.properties.get("task_runner")
    if prop is not None and "enum" not in prop:
        prop["enum"] = list(get_args(TaskRunnerChoice))


def build_deployment(cron: str = DEFAULT_CRON, name: str = DEPLOYMENT_NAME, *, timezone: str = DEFAULT_TIMEZONE,
                     overlap: OverlapPolicy = "wait", parameters: dict[str, Any] | None = None,
                     paused: bool = False) -> RunnerDeployment:
    """The deployment `chip-demand-pipeline/<name>`: cron schedule, one run at a time, typed parameters.

    `parameters` are the defaults the UI form starts from (e.g. {"db": "/data/chipdemand.duckdb"}).
    """
    from flows.pipeline import chip_demand_pipeline
    from flows.sources import check_sources_argument

    if (parameters or {}).get("sources"):
        check_sources_argument(str(parameters["sources"]))   # a deployment's defaults are stored by Prefect
    schedule = cron_schedule(cron, timezone)
    deployment = chip_demand_pipeline.to_deployment(
        name=name,
        schedules=[schedule],
        paused=paused,
        concurrency_limit=concurrency_for(overlap),
        parameters=parameters or {},
        description=deployment_description(cron, timezone, overlap),
        tags=DEPLOYMENT_TAGS,
        entrypoint_type=EntrypointType.MODULE_PATH,   # the project is installed: no dependence on the cwd
    )
    offer_task_runner_choices(deployment)
    return deployment


def deployment_description(cron: str, timezone: str, overlap: OverlapPolicy) -> str:
    """What the deployment page in the UI says about this deployment."""
    on_overlap = ("waits for the running one to finish (AwaitingConcurrencySlot)" if overlap == "wait"
                  else "is skipped (Cancelled: Deployment concurrency limit reached)")
    return (
        "Ingest article sources, extract chip-spend and policy rows, validate them, load the DuckDB warehouse.\n\n"
        f"Schedule: `{cron}` ({timezone}). Click **Run** to start one now; empty `sources` means the project's "
        "sources.toml, empty `db` means $CHIPDEMAND_DB or warehouse/chipdemand.duckdb on the serving machine.\n\n"
        f"One run writes the warehouse at a time: a run that starts while another is running {on_overlap}."
    )


def serve(cron: str | None = None, name: str = DEPLOYMENT_NAME, *, timezone: str = DEFAULT_TIMEZONE,
          overlap: OverlapPolicy = "wait", parameters: dict[str, Any] | None = None,
          poll_s: float | None = None) -> None:
    """Serve `chip-demand-pipeline/<name>` until interrupted: scheduled runs and UI-triggered runs execute here.

    `cron` None means the daily default. Registers with the API at PREFECT_API_URL (or Prefect
    Cloud when logged in). On Ctrl-C/SIGTERM the schedule is paused, so runs do not pile up as Late
    while nothing serves them; serving again resumes it.
    """
    from prefect import serve as prefect_serve

    deployment = build_deployment(cron or DEFAULT_CRON, name, timezone=timezone, overlap=overlap,
                                  parameters=parameters)
    runner_options = {"query_seconds": poll_s} if poll_s else {}
    prefect_serve(deployment, pause_on_shutdown=True, print_starting_message=True, **runner_options)


def argument_parser() -> argparse.ArgumentParser:
    """Options of `python -m flows.deploy` (the same as `chipdemand serve`)."""
    parser = argparse.ArgumentParser(prog="python -m flows.deploy", description=serve.__doc__)
    parser.add_argument("--cron", default=None, help=f"cron schedule [default: ${CRON_ENV}, else {DEFAULT_CRON!r}]")
    parser.add_argument("--timezone", default=None, help=f"IANA time zone of the schedule [default: ${TIMEZONE_ENV}, else UTC]")
    parser.add_argument("--name", default=DEPLOYMENT_NAME, help="deployment name [default: daily]")
    parser.add_argument("--overlap", choices=list(COLLISION_STRATEGY), default="wait",
                        help="a run that starts while another runs: wait for it, or skip [default: wait]")
    parser.add_argument("--db", default=None, help="default `db` parameter of the UI's run form")
    parser.add_argument("--sources", default=None, help="default `sources` parameter of the UI's run form")
    parser.add_argument("--poll-seconds", type=float, default=None, help="how often to look for due runs [default: Prefect's]")
    return parser


def main(argv: list[str] | None = None) -> None:
    """Entry point of `python -m flows.deploy`; configuration from flags, then env vars."""
    args = argument_parser().parse_args(argv)
    defaults = {k: v for k, v in {"db": args.db, "sources": args.sources}.items() if v}
    try:
        serve(args.cron or default_cron(), args.name, timezone=args.timezone or default_timezone(),
              overlap=args.overlap, parameters=defaults, poll_s=args.poll_seconds)
    except ScheduleError as exc:
        raise SystemExit(f"error: {exc}") from exc


if __name__ == "__main__":
    main()
