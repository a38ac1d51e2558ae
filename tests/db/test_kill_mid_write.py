"""A program killed in the middle of saving (SIGKILL, a power cut of the process) loses at most the save under way,
and ``check`` still finds the database, the chain, the anchor beside it and every record consistent."""
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app import integrity
from app.workspace import open_workspace
from db.connection import close_database

ROOT = Path(__file__).resolve().parents[2]
KILLS = int(os.environ.get("ZWGK_NIGHTLY_KILLS", "12"))  # the nightly-size run sets 80

WRITER = """
import sys
from app import settings
from app.actor import system_actor
from app.workspace import open_workspace
open_workspace(sys.argv[1])
actor = system_actor("写入测试")
print("ready", flush=True)
i = 0
while True:
    i += 1
    settings.set_many(actor, {"office.abbreviation": f"第{i}次", "requests.reply_days": 15 + i % 5})
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_killed_writers_leave_a_database_that_passes_check(tmp_path):
    data = tmp_path / "data"
    open_workspace(str(data))
    close_database()
    rng = random.Random(11)
    for _ in range(KILLS):
        proc = subprocess.Popen([sys.executable, "-c", WRITER, str(data)], cwd=ROOT, stdout=subprocess.PIPE,
                                env={**os.environ, "PYTHONPATH": str(ROOT)})
        assert proc.stdout.readline().strip() == b"ready"
        time.sleep(rng.uniform(0.05, 0.6))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        report = integrity.run_check(str(data))
        assert report.ok, report.problems
