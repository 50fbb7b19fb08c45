"""Installed as a wheel, chipdemand works from an empty folder (no checkout, no editable install).

The wheel is built from the files git tracks, installed with its declared dependencies only (no
extras) into a fresh virtualenv, and run in an empty folder: the bundled demo sources and seeds come
from the package, the warehouse goes to ./warehouse/ (or $CHIPDEMAND_HOME), and the optional parts say
how to install them. Slow (a few minutes: the install resolves and installs every dependency from the
package index), and it needs that index (PyPI, or the machine's pip configuration).
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import duckdb
import pytest

ROOT = Path(__file__).resolve().parent.parent
INSTALL_TIMEOUT_S = 1500


def clean_env(**extra: str) -> dict[str, str]:
    """The environment of a user's shell: nothing pointing into this checkout or its settings."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("CHIPDEMAND_", "PREFECT_", "VIRTUAL_ENV", "PYTHON"))}
    return {**env, **extra}


def sh(args: list, cwd: Path, env: dict[str, str], timeout: float = 600) -> subprocess.CompletedProcess:
    return subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """The bin/ folder of a fresh virtualenv with the project's wheel installed."""
    work = tmp_path_factory.mktemp("wheel")
    src = work / "src"
    tracked = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
    for name in filter(None, tracked.decode().split("\0")):
        if (ROOT / name).is_file():
            (src / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, src / name)
    built = sh([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", work / "dist", "."], src, clean_env())
    assert built.returncode == 0, built.stderr[-3000:]
    (wheel,) = (work / "dist").glob("chipdemand-*.whl")
    venv.create(work / "venv", with_pip=True)
    bin_dir = work / "venv" / "bin"
    done = sh([bin_dir / "python", "-m", "pip", "install", "-q", "-c", ROOT / "constraints.txt", wheel], work,
              clean_env(), timeout=INSTALL_TIMEOUT_S)
    assert done.returncode == 0, done.stderr[-3000:]
    return bin_dir


def test_the_demo_runs_from_an_empty_folder(installed, tmp_path):
    folder = tmp_path / "empty"
    folder.mkdir()
    env = clean_env(PREFECT_HOME=str(tmp_path / "prefect"))
    result = sh([installed / "chipdemand", "run"], folder, env)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-3000:]
    db = folder / "warehouse" / "chipdemand.duckdb"
    con = duckdb.connect(str(db), read_only=True)
    try:
        (articles,) = con.execute("SELECT count(*) FROM articles").fetchone()
        (source,) = con.execute("SELECT any_value(source) FROM articles").fetchone()
    finally:
        con.close()
    assert articles >= 10 and "site-packages" in source   # the bundled demo articles, read from the package
    answer = sh([installed / "chipdemand", "sql", "SELECT count(*) AS n FROM chip_spend", "--format", "csv"], folder, env)
    assert answer.returncode == 0 and int(answer.stdout.split()[1]) > 0, answer.stderr


def test_chipdemand_home_says_where_the_warehouse_goes(installed, tmp_path):
    home = tmp_path / "home"
    env = clean_env(PREFECT_HOME=str(tmp_path / "prefect"), CHIPDEMAND_HOME=str(home))
    result = sh([installed / "chipdemand", "run"], tmp_path, env)
    assert result.returncode == 0, result.stderr[-3000:]
    assert (home / "warehouse" / "chipdemand.duckdb").is_file() and not (tmp_path / "warehouse").exists()


def test_optional_parts_say_how_to_install_them(installed, tmp_path):
    env = clean_env(PREFECT_HOME=str(tmp_path / "prefect"))
    dask = sh([installed / "chipdemand", "run", "--task-runner", "dask"], tmp_path, env)
    assert dask.returncode == 2 and "pip install 'chipdemand[dask]'" in dask.stderr
    assert len(dask.stderr.strip().splitlines()) == 1
    assert sh([installed / "chipdemand", "run"], tmp_path, env).returncode == 0
    report = sh([installed / "chipdemand", "report", "--out", tmp_path / "r"], tmp_path, env)
    assert report.returncode == 0 and "chipdemand[report]" in report.stderr
    assert (tmp_path / "r" / "index.html").is_file()


def test_every_seed_and_the_chinese_tables_ship_in_the_wheel(installed, tmp_path):
    """Every seeds/*.csv is package data, and the Chinese extraction's libraries (OpenCC's table, pypinyin)
    come with the wheel's declared dependencies."""
    code = ("import sys; from pathlib import Path; from seeds import SEEDS_DIR; "
            "from transforms.zh.script import fold; from pypinyin import lazy_pinyin; "
            "print(' '.join(sorted(p.name for p in Path(SEEDS_DIR).glob('*.csv')))); print(fold('臺灣')); "
            "print(''.join(lazy_pinyin('寒武纪')))")
    result = sh([installed / "python", "-c", code], tmp_path, clean_env())
    assert result.returncode == 0, result.stderr[-3000:]
    csvs, folded, pinyin = result.stdout.strip().splitlines()
    assert csvs.split() == sorted(p.name for p in (ROOT / "seeds").glob("*.csv"))
    assert folded == "台湾" and pinyin == "hanwuji"
