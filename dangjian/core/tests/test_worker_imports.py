"""A web worker's memory: what it loads to serve pages (issue 16 §1, workers ≤ 150 MB).

openpyxl (with numpy when installed) and python-docx (with lxml) cost a worker some 25 MB;
only the requests that read or make a file need them, so nothing at start-up imports them.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.test import SimpleTestCase

HEAVY = ("openpyxl", "numpy", "docx", "weasyprint", "PIL", "sklearn", "scipy")

PROBE = """
import json, sys
import django
django.setup()
import config.urls  # every app's views, as the first request loads them
from django.urls import get_resolver
get_resolver().url_patterns
print(json.dumps(sorted({name.split(".")[0] for name in sys.modules})))
"""


class WorkerImportsTests(SimpleTestCase):
    def test_serving_pages_does_not_load_the_file_libraries(self) -> None:
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings", "DEBUG": "0"}
        base = Path(settings.BASE_DIR)
        done = subprocess.run(
            [sys.executable, "-c", PROBE], cwd=base, env=env, capture_output=True, text=True, timeout=120
        )
        self.assertEqual(done.returncode, 0, done.stderr[-2000:])
        loaded = set(json.loads(done.stdout.strip().splitlines()[-1]))
        self.assertIn("django", loaded)  # the probe did load the project
        self.assertEqual(sorted(loaded & set(HEAVY)), [], "启动时不应载入只在读写文件时才用到的库")
