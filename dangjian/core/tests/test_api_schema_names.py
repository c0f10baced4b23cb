"""The OpenAPI document names each app's schemas after the app, and every error status is documented.

Ninja merges each operation's schema definitions into one `components` table by
class name: two apps with a `FindingOut` each left one app's routes documented
with the other's schema. Each app's schemas carry its prefix (`Orgs…`,
`Publicity…`); the shared error answer is core's `ApiError`.
"""

from __future__ import annotations

from typing import Any
from unittest import mock

from django.test import SimpleTestCase
from ninja.openapi.schema import OpenAPISchema

from config.api import api
from dangjian.core.api import errors as shared
from dangjian.core.manifests import manifests

SHARED = {"ApiError", "ApiErrorItem"}


def build_schema() -> tuple[dict[str, Any], dict[str, list[Any]]]:
    """The OpenAPI document, and every definition each component name was given while building it."""
    given: dict[str, list[Any]] = {}
    original = OpenAPISchema.add_schema_definitions

    def recording(self: OpenAPISchema, definitions: dict) -> None:
        for name, definition in definitions.items():
            given.setdefault(name, []).append(definition)
        original(self, definitions)

    with mock.patch.object(OpenAPISchema, "add_schema_definitions", recording):
        schema = api.get_openapi_schema()
    return schema, given


def refs_in(node: Any, components: dict[str, Any], found: set[str] | None = None) -> set[str]:
    """Every component NODE refers to, directly or through the components it refers to."""
    found = set() if found is None else found
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str):
            name = ref.rsplit("/", 1)[-1]
            if name not in found:
                found.add(name)
                refs_in(components.get(name, {}), components, found)
        for value in node.values():
            refs_in(value, components, found)
    elif isinstance(node, list):
        for value in node:
            refs_in(value, components, found)
    return found


def free_text(schema: dict[str, Any]) -> bool:
    """A parameter any string satisfies (a plain `str`, possibly optional)."""
    options = schema.get("anyOf", [schema])
    return all(o.get("type") in ("string", "null") and not (set(o) - {"type", "title", "description"}) for o in options)


def prefix_of(app: str) -> str:
    return app.capitalize()


class SchemaNameTests(SimpleTestCase):
    schema: dict[str, Any]
    given: dict[str, list[Any]]
    components: dict[str, Any]
    apps: set[str]

    @classmethod
    def setUpClass(cls) -> None:
        super().setUpClass()
        cls.schema, cls.given = build_schema()
        cls.components = cls.schema["components"]["schemas"]
        cls.apps = {m.app for m in manifests() if m.api}

    def operations(self):
        for path, ops in self.schema["paths"].items():
            for method, op in ops.items():
                # ninja's operationId is the view's module and name: dangjian_<app>_api_…
                app = op["operationId"].split("_")[1]
                yield f"{method.upper()} {path}", app, op

    def test_it_gives_no_two_schemas_the_same_name(self):
        clashes = sorted(
            name for name, definitions in self.given.items() if any(d != definitions[0] for d in definitions)
        )
        self.assertEqual(clashes, [], "one component name, several schemas")

    def test_it_names_every_schema_after_its_app(self):
        prefixes = tuple(prefix_of(app) for app in self.apps)
        unprefixed = sorted(n for n in self.components if n not in SHARED and not n.startswith(prefixes))
        self.assertEqual(unprefixed, [])
        self.assertEqual(SHARED, {"ApiError", "ApiErrorItem"} & set(vars(shared)))

    def test_each_operation_refers_only_to_its_own_apps_schemas(self):
        self.assertIn("OrgsFindingOut", self.components)
        self.assertIn("PublicityFindingOut", self.components)
        seen = 0
        for label, app, op in self.operations():
            self.assertIn(app, self.apps, label)
            refs = refs_in({"responses": op["responses"], "parameters": op.get("parameters", [])}, self.components)
            refs |= refs_in(op.get("requestBody", {}), self.components)
            foreign = sorted(r for r in refs - SHARED if not r.startswith(prefix_of(app)))
            self.assertEqual(foreign, [], label)
            seen += 1
        self.assertGreater(seen, 20)

    def test_the_compliance_routes_are_documented_with_the_orgs_finding(self):
        for path in ("/api/v1/orgs/compliance", "/api/v1/orgs/{code}/findings"):
            ok = self.schema["paths"][path]["get"]["responses"][200]["content"]["application/json"]["schema"]
            self.assertEqual(ok["items"]["$ref"], "#/components/schemas/OrgsFindingOut", path)
        self.assertIn("rule", self.components["OrgsFindingOut"]["properties"])
        self.assertIn("severity", self.components["PublicityFindingOut"]["properties"])

    def test_every_error_status_is_documented_with_the_chinese_error_answer(self):
        for label, _app, op in self.operations():
            statuses = set(op["responses"])
            self.assertIn(401, statuses, f"{label}: every route needs a login")
            if op.get("requestBody") or any(not free_text(p["schema"]) for p in op.get("parameters", [])):
                self.assertIn(422, statuses, f"{label}: its parameters can fail to validate")
            if op["operationId"].endswith(("signup", "withdraw", "checkin", "scan")):
                self.assertIn(403, statuses, f"{label}: a session POST can fail the CSRF check")
            for status, answer in op["responses"].items():
                if status == 200:
                    continue
                ref = answer["content"]["application/json"]["schema"]["$ref"]
                self.assertEqual(ref, "#/components/schemas/ApiError", f"{label} {status}")
