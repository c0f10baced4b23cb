"""Safe defaults: the deploy check passes in production, default keys are refused, security headers are set."""

from __future__ import annotations

import json
import os
import re
import secrets
import subprocess
import sys
import tempfile
from pathlib import Path

from cryptography.fernet import Fernet
from django.conf import settings
from django.test import SimpleTestCase

from dangjian.core.testing import PASSWORD, BaseTestCase

ROOT = Path(settings.BASE_DIR)


def production_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DANGJIAN_", "PYTEST"))}
    env.update(
        DANGJIAN_ENV="production",
        DANGJIAN_VAR_DIR=tempfile.mkdtemp(prefix="dangjian-prod-"),
        SECRET_KEY=secrets.token_urlsafe(50),
        PII_KEYS=Fernet.generate_key().decode(),
        ALLOWED_HOSTS="dangjian.example.gov.cn",
    )
    env.pop("DATABASE_URL", None)
    env.update(extra)
    return env


def run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False
    )


class ProductionSettingsTests(SimpleTestCase):
    def test_the_deploy_check_passes_with_production_settings(self):
        result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], production_env())
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        self.assertIn("no issues", result.stdout)

    def test_production_refuses_the_default_secret_key(self):
        env = production_env()
        del env["SECRET_KEY"]
        result = run(["manage.py", "check"], env)
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("不能使用默认密钥", result.stderr)

    def test_production_refuses_the_default_encryption_key(self):
        env = production_env(PII_KEYS="ZGV2LW9ubHktZGFuZ2ppYW4tcGlpLWtleS0wMDAwMDA=")
        result = run(["manage.py", "check"], env)
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("不能使用默认密钥", result.stderr)

    def test_keys_may_come_from_files(self):
        folder = Path(tempfile.mkdtemp(prefix="dangjian-keys-"))
        (folder / "secret").write_text(secrets.token_urlsafe(50))
        (folder / "pii").write_text(Fernet.generate_key().decode())
        env = production_env(SECRET_KEY_FILE=str(folder / "secret"), PII_KEYS_FILE=str(folder / "pii"))
        del env["SECRET_KEY"], env["PII_KEYS"]
        self.assertEqual(run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], env).returncode, 0)

    def test_production_cookies_are_secure_and_http_only(self):
        names = (
            "SESSION_COOKIE_SECURE",
            "CSRF_COOKIE_SECURE",
            "SESSION_COOKIE_HTTPONLY",
            "CSRF_COOKIE_HTTPONLY",
            "SECURE_SSL_REDIRECT",
            "SECURE_HSTS_SECONDS",
            "DEBUG",
        )
        script = (
            "import django, json; django.setup(); from django.conf import settings as s; "
            f"print(json.dumps({{k: getattr(s, k) for k in {names!r}}}))"
        )
        result = run(["-c", script], production_env(DJANGO_SETTINGS_MODULE="config.settings"))
        self.assertEqual(result.returncode, 0, result.stderr)
        values = json.loads(result.stdout.strip().splitlines()[-1])
        self.assertTrue(values["SESSION_COOKIE_SECURE"] and values["CSRF_COOKIE_SECURE"])
        self.assertTrue(values["SESSION_COOKIE_HTTPONLY"] and values["CSRF_COOKIE_HTTPONLY"])
        self.assertTrue(values["SECURE_SSL_REDIRECT"])
        self.assertGreaterEqual(values["SECURE_HSTS_SECONDS"], 31536000)
        self.assertFalse(values["DEBUG"])


class SecurityHeaderTests(BaseTestCase):
    def test_pages_carry_a_strict_content_security_policy(self):
        response = self.client.get("/accounts/login/")
        policy = response["Content-Security-Policy"]
        self.assertIn("default-src 'self'", policy)
        self.assertIn("frame-ancestors 'none'", policy)
        self.assertIn("object-src 'none'", policy)
        self.assertNotIn("unsafe-inline", policy)
        self.assertNotIn("unsafe-eval", policy)
        self.assertNotIn("http", policy)  # no CDN or other origin

    def test_the_other_security_headers(self):
        self.login_as(self.w.staff)
        response = self.client.get("/dashboard/")
        self.assertEqual(response["X-Frame-Options"], "DENY")
        self.assertEqual(response["X-Content-Type-Options"], "nosniff")
        self.assertEqual(response["Referrer-Policy"], "same-origin")
        self.assertEqual(response["Cross-Origin-Opener-Policy"], "same-origin")
        self.assertIn("camera=()", response["Permissions-Policy"])
        # Pages with personal data are not kept by browsers or proxies.
        self.assertIn("no-store", response["Cache-Control"])
        self.assertIn("private", response["Cache-Control"])

    def test_cookies_are_http_only(self):
        response = self.client.get("/accounts/login/")
        self.assertTrue(response.cookies["csrftoken"]["httponly"])
        self.client.post("/accounts/login/", {"username": "staff", "password": PASSWORD})
        self.assertTrue(self.client.cookies["sessionid"]["httponly"])


# Inline code the policy would block: <script> without src (JSON data blocks are fine),
# <style> blocks, style="" attributes and on…="" handlers.
INLINE = [
    (
        re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/(?:ld\+)?json\")(?![^>]*nonce=)[^>]*>", re.I),
        "inline <script>",
    ),
    (re.compile(r"<style(?![^>]*nonce=)[^>]*>", re.I), "inline <style>"),
    (re.compile(r"\sstyle=\"", re.I), "style attribute"),
    (re.compile(r"\son[a-z]+=\"", re.I), "event-handler attribute"),
    (re.compile(r"\bhx-on", re.I), "hx-on (needs eval)"),
]


# A template never served to a browser (rendered to PDF, say) opts out with this comment.
EXEMPT = "{# csp-exempt"


class NoInlineCodeTests(SimpleTestCase):
    """The policy allows no inline code: every template keeps to static files (or a nonce).

    Instead of onsubmit="return confirm('…')": <form data-confirm="…"> (static/js/dangjian.js);
    instead of style="…": a class in static/css/dangjian.css; an inline <script> that must
    stay carries nonce="{{ request.csp_nonce }}".
    """

    def test_no_template_has_inline_script_or_style(self):
        found = []
        folders = [ROOT / "templates", *sorted((ROOT / "dangjian").glob("*/templates"))]
        for folder in folders:
            for path in sorted(folder.rglob("*.html")):
                text = path.read_text(encoding="utf-8")
                if EXEMPT in text:
                    continue
                for pattern, what in INLINE:
                    for match in pattern.finditer(text):
                        line = text.count("\n", 0, match.start()) + 1
                        found.append(f"{path.relative_to(ROOT)}:{line}: {what}")
        self.assertEqual(found, [], "move these into static/css or static/js (the CSP blocks them)")
