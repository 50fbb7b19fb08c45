"""flows.fast_exit: a finished command ends with its exit code, its output and every exit hook, but
without the interpreter's teardown."""
import subprocess
import sys
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def run_script(body: str, tmp_path: Path) -> subprocess.CompletedProcess:
    script = ("import atexit, logging, sys\n"
              "from flows import fast_exit\n"
              "fast_exit.arm()\n"
              "log = logging.getLogger('t'); log.addHandler(logging.FileHandler(sys.argv[1])); log.warning('logged')\n"
              f"atexit.register(lambda: open(sys.argv[2], 'w').write('hook ran'))\n{body}\n")
    return subprocess.run([sys.executable, "-c", script, str(tmp_path / "log.txt"), str(tmp_path / "hook.txt")],
                          cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=60)


def test_leave_keeps_the_code_the_output_and_the_exit_hooks(tmp_path):
    # an object whose finaliser would print at teardown: skipped, which is the point
    result = run_script("class Noisy:\n    def __del__(self): print('teardown')\n"
                        "keep = Noisy()\n"
                        "sys.stdout.write('no newline at the end'); sys.stderr.write('err too')\n"
                        "fast_exit.leave(3)", tmp_path)
    assert result.returncode == 3
    assert result.stdout == "no newline at the end"           # flushed, and no teardown output after it
    assert result.stderr == "err too"
    assert (tmp_path / "hook.txt").read_text() == "hook ran"   # hooks registered after arm() ran first
    assert (tmp_path / "log.txt").read_text() == "logged\n"


def test_an_exit_that_does_not_pass_through_leave_keeps_the_normal_teardown(tmp_path):
    result = run_script("class Noisy:\n    def __del__(self): print('teardown')\n"
                        "keep = Noisy()\n"
                        "raise RuntimeError('boom')", tmp_path)
    assert result.returncode == 1
    assert "RuntimeError: boom" in result.stderr
    assert result.stdout == "teardown\n"
    assert (tmp_path / "hook.txt").read_text() == "hook ran"


def test_the_cli_exit_codes_pass_through(tmp_path):
    bad_option = subprocess.run([sys.executable, "-m", "flows.cli", "run", "--no-such-option"], cwd=PROJECT_ROOT,
                                capture_output=True, text=True, timeout=60)
    assert bad_option.returncode == 2 and "No such option" in bad_option.stderr
    version = subprocess.run([sys.executable, "-m", "flows.cli", "--version"], cwd=PROJECT_ROOT,
                             capture_output=True, text=True, timeout=60)
    assert version.returncode == 0 and version.stdout.startswith("chipdemand ")
