"""Password rules (AUTH_PASSWORD_VALIDATORS), with the numbers taken from the security policy.

- at least N characters (default 8),
- characters from at least K of the four classes (default 3 of 4),
- not containing the username,
- none of the last M passwords (default 5) again: `PasswordHistoryValidator`
  also keeps that history, through Django's `password_changed` hook, which
  runs whenever a user is saved with a new password.
"""

from __future__ import annotations

import string
from typing import Any

from django.contrib.auth.hashers import check_password
from django.core.exceptions import ValidationError

from . import policy


def character_classes(password: str) -> int:
    """How many of upper case, lower case, digits and other characters PASSWORD uses."""
    checks = (
        any(c.isupper() for c in password),
        any(c.islower() for c in password),
        any(c.isdigit() for c in password),
        any(not c.isalnum() or c in string.punctuation for c in password),
    )
    return sum(checks)


class PolicyLengthValidator:
    def validate(self, password: str, user: Any = None) -> None:
        minimum = policy.current().password_min_length
        if len(password) < minimum:
            raise ValidationError(f"密码至少需要 {minimum} 个字符。", code="password_too_short")

    def get_help_text(self) -> str:
        return f"密码至少需要 {policy.current().password_min_length} 个字符。"


class CharacterClassesValidator:
    def validate(self, password: str, user: Any = None) -> None:
        needed = policy.current().password_min_classes
        if character_classes(password) < needed:
            raise ValidationError(
                f"密码须包含大写字母、小写字母、数字、符号中的至少 {needed} 类。", code="password_too_simple"
            )

    def get_help_text(self) -> str:
        needed = policy.current().password_min_classes
        return f"须包含大写字母、小写字母、数字、符号中的至少 {needed} 类。"


class UsernameNotInPasswordValidator:
    def validate(self, password: str, user: Any = None) -> None:
        username = (getattr(user, "username", "") or "").strip().lower()
        if username and username in password.lower():
            raise ValidationError("密码中不能包含用户名。", code="password_contains_username")

    def get_help_text(self) -> str:
        return "密码中不能包含用户名。"


class PasswordHistoryValidator:
    def validate(self, password: str, user: Any = None) -> None:
        if user is None or user.pk is None:
            return
        from .models import PasswordHistory

        count = policy.current().password_history
        recent = list(PasswordHistory.objects.filter(user=user).values_list("password", flat=True)[:count])
        # The password in use counts as the latest, even when it was set without the
        # hook (create_user hashes directly); the user object still holds it here.
        current = getattr(user, "password", "")
        if current and current not in recent and user.has_usable_password():
            recent = [current] + recent[: count - 1]
        if any(check_password(password, hashed) for hashed in recent):
            raise ValidationError(f"新密码不能与最近 {count} 次使用过的密码相同。", code="password_reused")

    def password_changed(self, password: str, user: Any = None) -> None:
        """Remember the new hash and forget what lies beyond the history the policy keeps."""
        if user is None or user.pk is None or not user.has_usable_password():
            return
        from .models import PasswordHistory

        known = set(PasswordHistory.objects.filter(user=user).values_list("password", flat=True))
        replaced = getattr(user, "_replaced_password", "")
        if replaced and replaced not in known and not replaced.startswith("!"):  # "!": unusable
            PasswordHistory.objects.create(user=user, password=replaced, created_at=user.password_changed_at)
        PasswordHistory.objects.create(user=user, password=user.password)
        keep = max(policy.current().password_history, 1)
        stale = PasswordHistory.objects.filter(user=user).values_list("pk", flat=True)[keep:]
        PasswordHistory.objects.filter(pk__in=list(stale)).delete()

    def get_help_text(self) -> str:
        return f"不能与最近 {policy.current().password_history} 次使用过的密码相同。"
