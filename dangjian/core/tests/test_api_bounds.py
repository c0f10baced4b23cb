"""Every whole number the API takes is bounded: out of range or not a number, a Chinese 422, never a 500.

Walks the OpenAPI document, so a route added tomorrow with a bare `offset: int`
fails here the day it is added.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote, urlencode

from config.api import api
from dangjian.core.testing import BaseTestCase

HUGE = str(2**70)
CHINESE = "[\u4e00-\u9fff]"


def int_schema(schema: dict[str, Any]) -> dict[str, Any] | None:
    for option in schema.get("anyOf", [schema]):
        if option.get("type") == "integer":
            return option
    return None


def integer_parameters() -> list[tuple[str, str, str, str, dict[str, Any]]]:
    """(method, path, location, name, integer schema) of every integer parameter of the API."""
    found = []
    for path, ops in api.get_openapi_schema()["paths"].items():
        for method, op in ops.items():
            for p in op.get("parameters", []):
                schema = int_schema(p["schema"])
                if schema is not None:
                    found.append((method, path, p["in"], p["name"], schema))
    return found


def string_parameters() -> list[tuple[str, str, str, str, dict[str, Any]]]:
    """(method, path, location, name, schema) of every text parameter of the API."""
    found = []
    for path, ops in api.get_openapi_schema()["paths"].items():
        for method, op in ops.items():
            for p in op.get("parameters", []):
                options = p["schema"].get("anyOf", [p["schema"]])
                if any(o.get("type") == "string" for o in options):
                    found.append((method, path, p["in"], p["name"], p["schema"]))
    return found


class ApiBoundsTests(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.login_as(self.w.staff)
        self.params = integer_parameters()

    def call(self, method: str, path: str, where: str, name: str, value: str):
        url = path.replace("{" + name + "}", quote(value, safe="")) if where == "path" else path
        for other in ("code", "token"):
            url = url.replace("{" + other + "}", "A")
        for placeholder in ("pk", "member_id", "activity_id", "room_id"):
            url = url.replace("{" + placeholder + "}", "1")
        query = {name: value} if where == "query" else {}
        if method == "get":
            return self.client.get(url, query)
        return self.client.post(f"{url}?{urlencode(query)}" if query else url)

    def test_every_integer_parameter_has_bounds(self):
        unbounded = [
            f"{m.upper()} {p} {name}" for m, p, _w, name, s in self.params if "maximum" not in s or "minimum" not in s
        ]
        self.assertEqual(unbounded, [])
        self.assertTrue(any(name == "year" for *_x, name, _s in self.params))
        self.assertTrue(any(name == "offset" for *_x, name, _s in self.params))

    def test_every_integer_parameter_refuses_nonsense_with_a_chinese_422(self):
        for method, path, where, name, schema in self.params:
            for value in (HUGE, str(schema["maximum"] + 1), str(schema["minimum"] - 1), "abc"):
                with self.subTest(f"{method.upper()} {path} {name}={value}"):
                    response = self.call(method, path, where, name, value)
                    self.assertEqual(response.status_code, 422)
                    body = response.json()
                    self.assertRegex(body["detail"], CHINESE)
                    self.assertEqual(body["errors"][0]["loc"][-1], name)

    def test_every_text_parameter_refuses_a_nul_character_with_a_chinese_422(self):
        # PostgreSQL refuses NUL in text: without the check the look-up was a 500 there.
        params = string_parameters()
        self.assertTrue(any(name == "org" for *_x, name, _s in params))
        for method, path, where, name, schema in params:
            if "enum" in schema:
                continue
            for value in ("A\x00", "x" * 201):
                with self.subTest(f"{method.upper()} {path} {name}={value[:5]!r}"):
                    response = self.call(method, path, where, name, value)
                    self.assertEqual(response.status_code, 422)
                    self.assertRegex(response.json()["detail"], CHINESE)

    def test_the_lists_of_study_and_publicity_refuse_a_year_beyond_2100_and_an_offset_beyond_64_bits(self):
        for url in ("/api/v1/study/sessions", "/api/v1/study/classes", "/api/v1/study/meetings"):
            for params in ({"year": "99999"}, {"year": "-5"}, {"offset": HUGE}):
                with self.subTest(url=url, params=params):
                    response = self.client.get(url, params)
                    self.assertEqual(response.status_code, 422)
                    self.assertRegex(response.json()["detail"], "年份|offset")
        for url in ("/api/v1/publicity/articles", "/api/v1/publicity/info-reports"):
            response = self.client.get(url, {"offset": HUGE})
            self.assertEqual(response.status_code, 422, url)
        self.assertEqual(self.client.get("/api/v1/publicity/info-reports", {"year": "99999"}).status_code, 422)
        self.assertEqual(self.client.get("/api/v1/study/calendar/A", {"year": "99999"}).status_code, 422)
        self.assertEqual(self.client.get("/api/v1/study/sessions", {"year": "2024"}).status_code, 200)

    def test_an_unknown_route_and_a_missing_login_answer_in_chinese(self):
        self.assertRegex(self.client.get("/api/v1/orgs/NOPE").json()["detail"], CHINESE)
        self.client.logout()
        response = self.client.get("/api/v1/orgs")
        self.assertEqual(response.status_code, 401)
        self.assertRegex(response.json()["detail"], CHINESE)
