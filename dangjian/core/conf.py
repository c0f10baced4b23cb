"""The apps' own settings: one typed mechanism for every app.

Each app that has configurable rules (DOMAIN.md: "configurable", because local
practice varies) declares them as a frozen dataclass on `AppSettings`, with
DOMAIN.md's defaults, and names it in its manifest:

    @dataclass(frozen=True)
    class StudySettings(AppSettings):
        SECTION: ClassVar[str] = "study"
        central_group_min_per_quarter: int = 1

A deployment overrides any of them in Django's settings, one dict per section:

    DANGJIAN = {"study": {"central_group_min_per_quarter": 2}}

and code reads them, typed, with `StudySettings.current().central_group_min_per_quarter`.
Values are checked against the field types when first read (and by `manage.py
check`): a wrong key or a wrong type fails loudly, naming the setting.
`override_settings(DANGJIAN=...)` in tests takes effect at once.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from decimal import Decimal
from typing import Any, ClassVar, Self

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed
from django.dispatch import receiver

_cache: dict[type[AppSettings], AppSettings] = {}


@dataclasses.dataclass(frozen=True)
class AppSettings:
    SECTION: ClassVar[str] = ""

    @classmethod
    def current(cls) -> Self:
        """The settings in force: the defaults with the deployment's section applied."""
        cached = _cache.get(cls)
        if cached is None:
            cached = cls.from_overrides(overrides_for(cls.SECTION))
            _cache[cls] = cached
        return cached  # type: ignore[return-value]

    @classmethod
    def from_overrides(cls, overrides: dict[str, Any]) -> Self:
        fields = {f.name: f for f in dataclasses.fields(cls)}
        unknown = sorted(set(overrides) - set(fields))
        if unknown:
            raise ImproperlyConfigured(
                f"DANGJIAN[{cls.SECTION!r}] 中有未知的设置项：{', '.join(unknown)}（可用：{', '.join(sorted(fields))}）"
            )
        hints = typing.get_type_hints(cls)
        values = {}
        for name, value in overrides.items():
            values[name] = _coerce(cls.SECTION, name, hints[name], value)
        return cls(**values)


def overrides_for(section: str) -> dict[str, Any]:
    configured = getattr(settings, "DANGJIAN", None) or {}
    if not isinstance(configured, dict):
        raise ImproperlyConfigured("settings.DANGJIAN 必须是字典：{节名: {设置项: 值}}")
    value = configured.get(section) or {}
    if not isinstance(value, dict):
        raise ImproperlyConfigured(f"DANGJIAN[{section!r}] 必须是字典")
    return value


def _coerce(section: str, name: str, hint: Any, value: Any) -> Any:
    """VALUE checked against the field's type HINT (tuples from lists; Decimals from numbers)."""
    origin = typing.get_origin(hint) or hint
    ok: bool
    if origin is typing.Union or origin is types.UnionType:
        ok = any(_matches(typing.get_origin(h) or h, value) for h in typing.get_args(hint))
    else:
        if origin is tuple and isinstance(value, list):
            value = tuple(value)
        if origin is Decimal and isinstance(value, int | float | str) and not isinstance(value, bool):
            value = Decimal(str(value))
        if origin is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        ok = _matches(origin, value)
    if not ok:
        raise ImproperlyConfigured(f"DANGJIAN[{section!r}][{name!r}] 的类型应为 {hint}，而不是 {value!r}")
    return value


def _matches(origin: Any, value: Any) -> bool:
    if origin is Any:
        return True
    if origin is type(None):
        return value is None
    if origin is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if isinstance(origin, type):
        return isinstance(value, origin)
    return True


@receiver(setting_changed)
def _forget(*, setting: str, **kwargs: Any) -> None:
    if setting == "DANGJIAN":
        _cache.clear()


def check_all(classes: typing.Iterable[type[AppSettings]]) -> list[str]:
    """The problems of the configured sections (for the system check)."""
    problems = []
    for cls in classes:
        try:
            cls.from_overrides(overrides_for(cls.SECTION))
        except ImproperlyConfigured as e:
            problems.append(str(e))
    return problems
