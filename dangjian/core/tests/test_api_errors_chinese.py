"""Ninja's own refusals answer in Chinese too: a wrong method, a body that is not JSON, a field that does not validate.

Each answer is the API's one error shape, {"detail": "<一句中文>"}, with none of
ninja's or pydantic's English ("Method not allowed", "Cannot parse request body",
"Input should be a valid integer").
"""

from __future__ import annotations

import json

from django.http import HttpRequest
from django.test import RequestFactory
from ninja import Schema
from ninja.params.models import BodyModel
from pydantic import ValidationError

from config.api import api
from dangjian.core.testing import BaseTestCase
from dangjian.core.web.params import api_validation_sentence

CHINESE = "[\u4e00-\u9fff]"
ENGLISH = "Method not allowed|Cannot parse|Input should|Field required|not a valid|Unsupported"


class _Body(BodyModel):
    title: str


class ApiErrorsInChineseTests(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.login_as(self.w.staff)

    def assert_chinese(self, response, status: int) -> dict:
        self.assertEqual(response.status_code, status, response.content[:200])
        self.assertTrue(response["Content-Type"].startswith("application/json"), response["Content-Type"])
        body = json.loads(response.content)
        self.assertRegex(body["detail"], CHINESE)
        self.assertNotRegex(body["detail"], ENGLISH)
        return body

    def test_a_wrong_method_is_a_chinese_405_naming_the_methods_allowed(self):
        routes = (
            ("post", "/api/v1/orgs"),  # orgs: a list
            ("post", "/api/v1/liaison/points"),  # liaison
            ("get", "/api/v1/volunteer/activities/1/signup"),  # volunteer: a POST-only action
            ("delete", "/api/v1/study/classes/1/signup"),  # study
            ("put", "/api/v1/publicity/scan"),  # publicity
        )
        for method, url in routes:
            with self.subTest(f"{method.upper()} {url}"):
                response = getattr(self.client, method)(url)
                body = self.assert_chinese(response, 405)
                self.assertIn(method.upper(), body["detail"])
                self.assertTrue(response["Allow"])
                for allowed in response["Allow"].split(","):
                    self.assertIn(allowed.strip(), body["detail"])

    def test_a_wrong_method_is_refused_before_the_login_is_asked_for(self):
        self.client.logout()
        self.assert_chinese(self.client.get("/api/v1/volunteer/activities/1/signup"), 405)

    def test_a_query_that_does_not_validate_names_each_field_in_chinese(self):
        response = self.client.get("/api/v1/orgs", {"limit": "abc", "offset": "-1"})
        body = self.assert_chinese(response, 422)
        self.assertEqual({e["loc"][-1] for e in body["errors"]}, {"limit", "offset"})
        for error in body["errors"]:
            with self.subTest(field=error["loc"][-1]):
                self.assertRegex(error["msg"], CHINESE)
                self.assertNotRegex(error["msg"], ENGLISH)
                self.assertIn(error["type"], ("int_parsing", "greater_than_equal"))
        self.assertIn("应为整数", body["detail"])
        self.assertIn("不能小于 0", body["detail"])

    def test_malformed_json_to_the_content_check_is_a_chinese_422(self):
        for content in (b'{"content": "abc"', b"not json at all", b"\xff\xfe"):
            with self.subTest(content=content):
                response = self.client.post("/api/v1/publicity/scan", content, content_type="application/json")
                self.assert_chinese(response, 422)

    def _body_refusal(self, content: bytes, content_type: str):
        """What the API answers when ninja reads a declared JSON body (BodyModel) from CONTENT."""
        request: HttpRequest = RequestFactory().post("/api/v1/x", content, content_type=content_type)
        try:
            _Body.get_request_data(request, api, {})
        except Exception as exc:  # ninja's HttpError, answered by config.api's handler
            return api.on_exception(request, exc)
        self.fail("the body was read")

    def test_a_declared_body_that_is_malformed_json_is_a_chinese_400(self):
        response = self._body_refusal(b'{"title": ', "application/json")
        self.assertIn("JSON", self.assert_chinese(response, 400)["detail"])

    def test_a_declared_body_in_another_media_type_is_a_chinese_415(self):
        for content_type in ("text/plain", "application/x-www-form-urlencoded"):
            with self.subTest(content_type=content_type):
                response = self._body_refusal(b"title=abc", content_type)
                self.assertIn("application/json", self.assert_chinese(response, 415)["detail"])

    def test_a_declared_body_in_json_sent_as_text_is_still_read(self):
        request = RequestFactory().post("/api/v1/x", b'{"title": "abc"}', content_type="text/plain")
        self.assertEqual(_Body.get_request_data(request, api, {}), {"title": "abc"})

    def test_a_body_field_that_does_not_validate_is_named_in_chinese(self):
        class Payload(Schema):
            title: str
            hours: int

        try:
            Payload.model_validate({"hours": "x" * 3})
        except ValidationError as e:
            errors = [{**err, "loc": ("body", "payload", *err["loc"])} for err in e.errors()]
        sentences = [api_validation_sentence(err) for err in errors]
        self.assertEqual(sentences, ["缺少请求体字段“title”。", "请求体字段“hours”应为整数。"])
        self.assertEqual(
            api_validation_sentence({"type": "model_type", "loc": ("body", "payload")}),
            "请求体字段“payload”应为 JSON 对象。",
        )
