"""The one shape of every app (README, Layout): the kernel rule, the manifests, the tree's one module.

Read from the source as text, so a file that breaks a rule is named in the failure.
"""

import importlib
import re
from pathlib import Path

from django.test import SimpleTestCase
from django.urls import reverse

from dangjian.core.conf import AppSettings
from dangjian.core.manifests import manifests

ROOT = Path(__file__).resolve().parents[2]  # dangjian/
KERNEL = ("core", "accounts", "orgs", "people")
MAX_LINES = 600  # a module this long should have become a package at ~400
DOMAIN = tuple(
    p.name for p in sorted(ROOT.iterdir()) if (p / "manifest.py").exists() and p.name not in (*KERNEL, "demo")
)


def _production_files(app: str) -> list[Path]:
    return [
        p
        for p in (ROOT / app).rglob("*.py")
        if "tests" not in p.relative_to(ROOT).parts and "migrations" not in p.relative_to(ROOT).parts
    ]


def _code(path: Path) -> str:
    """PATH without its docstrings and comments' prose (imports and calls are what count)."""
    text = path.read_text(encoding="utf-8")
    text = re.sub(r'"""(.|\n)*?"""', "", text)
    return "\n".join(line.split("#", 1)[0] for line in text.splitlines())


class KernelRuleTests(SimpleTestCase):
    def test_there_are_domain_apps_to_check(self):
        self.assertIn("volunteer", DOMAIN)
        self.assertIn("publicity", DOMAIN)

    def test_the_kernel_never_imports_a_domain_app(self):
        pattern = re.compile(rf"\bdangjian\.({'|'.join(DOMAIN)})\b")
        offenders = [
            str(p.relative_to(ROOT)) for app in KERNEL for p in _production_files(app) if pattern.search(_code(p))
        ]
        self.assertEqual(offenders, [])

    def test_no_production_code_imports_the_demo_app(self):
        pattern = re.compile(r"\bdangjian\.demo\b|from dangjian import demo\b")
        offenders = [
            str(p.relative_to(ROOT))
            for app in (*KERNEL, *DOMAIN)
            for p in _production_files(app)
            if pattern.search(_code(p))
        ]
        self.assertEqual(offenders, [])

    def test_no_app_has_side_files(self):
        """README, One shape for every app: views/ and urls/ packages, never views_x.py, x_urls.py, demo_x.py."""
        side = re.compile(r"^(views_.+|.+_urls|demo_.+)\.py$")
        offenders = [
            str(p.relative_to(ROOT))
            for p in ROOT.rglob("*.py")
            if side.match(p.name) and "migrations" not in p.relative_to(ROOT).parts
        ]
        self.assertEqual(offenders, [])

    def test_no_module_outgrows_a_package(self):
        """A module near ~400 lines becomes a package (README); none of production code passes MAX_LINES."""
        too_long = {
            str(p.relative_to(ROOT)): n
            for p in ROOT.rglob("*.py")
            if not {"tests", "migrations"} & set(p.relative_to(ROOT).parts)
            and (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES
        }
        self.assertEqual(too_long, {})

    def test_only_core_web_builds_a_paginator(self):
        """Every list page reads ?page= through core.web.paginate (a page past the end is the last)."""
        offenders = [
            str(p.relative_to(ROOT))
            for app in (*KERNEL, *DOMAIN)
            for p in _production_files(app)
            if re.search(r"\bPaginator\b", _code(p)) and p != ROOT / "core" / "web" / "pagination.py"
        ]
        self.assertEqual(offenders, [])

    def test_only_core_tree_builds_a_path_filter(self):
        by_hand = "path__" + "startswith"  # spelled apart, so that this file is not an offender
        offenders = [
            str(p.relative_to(ROOT))
            for p in ROOT.rglob("*.py")
            if by_hand in _code(p) and p != ROOT / "core" / "tree.py"
        ]
        self.assertEqual(offenders, [])


class ManifestShapeTests(SimpleTestCase):
    def test_every_domain_app_declares_the_same_parts(self):
        declared = {m.app: m for m in manifests()}
        for app in DOMAIN:
            with self.subTest(app=app):
                m = declared[app]
                self.assertTrue(m.menu, "menu entries")
                self.assertTrue(m.urls, "urls")
                self.assertTrue(m.api, "API router")
                self.assertTrue(m.metrics, "metrics")
                self.assertTrue(m.seeders, "demo seeders")
                self.assertEqual(m.permission_rows, f"dangjian.{app}.tests.permission_rows")
                importlib.import_module(m.permission_rows)
                self.assertTrue(m.settings and issubclass(m.settings, AppSettings), "typed settings")
                for seeder in m.seeders:
                    self.assertTrue(callable(seeder.load()), seeder.func)
                for part in ("errors.py", "conf.py", "urls.py", "stats.py"):
                    self.assertTrue((ROOT / app / part).exists() or (ROOT / app / part[:-3]).is_dir(), part)

    def test_every_declared_export_is_a_page_that_exists(self):
        for m in manifests():
            for export in m.exports:
                with self.subTest(app=m.app, export=export.label):
                    self.assertTrue(reverse(export.url_name))

    def test_a_package_of_writes_re_exports_its_use_cases(self):
        for app in ("volunteer", "publicity", "liaison", "rooms", "brands"):
            with self.subTest(app=app):
                services = importlib.import_module(f"dangjian.{app}.services")
                self.assertTrue(services.__all__)
                for name in services.__all__:
                    self.assertTrue(hasattr(services, name), name)
