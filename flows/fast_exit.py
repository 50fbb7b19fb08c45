"""Leave a finished command without the interpreter's teardown.

After a run, Python's own shutdown (freeing every module of Prefect, Great Expectations, pandas, ...
object by object) took 1.7 s on a busy 2-core machine, after the last line of output and the last exit
hook, measured with `py-spy dump` during that time: no Python frame, all C-level teardown. A command
that has finished its work, flushed its output and run every exit hook has nothing left to lose there.

    arm()              # first thing in a command's entry point: the hook runs after every other one
    leave(code)        # instead of sys.exit(code) once the command is done

`arm` registers an exit hook before Prefect, multiprocessing or the temporary API server register
theirs; exit hooks run last-registered first, so this one runs after all of them (the API server is
stopped, Prefect's log and event workers have drained, the worker pool is shut down). It then shuts
logging down (the one hook registered before it, at import), flushes standard output and error, and
ends the process with the command's exit code. An exit that did not pass through `leave` (an uncaught
exception, a library calling sys.exit) keeps the normal teardown.
"""
from __future__ import annotations

import atexit
import logging
import os
import sys
from typing import NoReturn

_code: int | None = None
_armed = False


def _finish() -> None:
    if _code is None:
        return
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):   # closed or broken pipe: nothing more can be written anyway
            pass
    os._exit(_code)


def arm() -> None:
    """Register the exit hook (once); call it before anything registers its own."""
    global _armed
    if not _armed:
        atexit.register(_finish)
        _armed = True


def leave(code: int) -> NoReturn:
    """Exit with `code`: the exit hooks run as usual, then the process ends without the teardown (when armed)."""
    global _code
    _code = code if _armed else None
    sys.exit(code)
