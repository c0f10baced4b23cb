"""Password rules: length, character classes, no username, none of the last five again."""

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from dangjian.accounts.models import PasswordHistory
from dangjian.core.testing import PASSWORD, BaseTestCase

from .helpers import set_policy


class PasswordRuleTests(BaseTestCase):
    def errors(self, password, user=None):
        try:
            validate_password(password, user or self.w.member)
        except ValidationError as e:
            return " ".join(e.messages)
        return ""

    def test_a_good_password_passes(self):
        self.assertEqual(self.errors("Hongqi#2027"), "")

    def test_it_needs_at_least_8_characters(self):
        self.assertIn("至少需要 8 个字符", self.errors("Ab#1xyz"))

    def test_it_needs_3_of_the_4_character_classes(self):
        self.assertIn("至少 3 类", self.errors("hongqipiaopiao"))
        self.assertIn("至少 3 类", self.errors("hongqi2027abc"))
        self.assertEqual(self.errors("hongqi#2027"), "")  # lower, digit, symbol
        self.assertEqual(self.errors("HongqiPiao7x"), "")  # upper, lower, digit

    def test_it_must_not_contain_the_username(self):
        self.assertIn("不能包含用户名", self.errors("Member#2027"))

    def test_length_and_classes_follow_the_policy(self):
        set_policy(password_min_length=12, password_min_classes=4)
        self.assertIn("至少需要 12 个字符", self.errors("Hongqi#2027"))
        self.assertIn("至少 4 类", self.errors("hongqipiao#2027"))
        self.assertEqual(self.errors("Hongqipiao#2027"), "")

    def test_none_of_the_last_five_passwords_again(self):
        user = self.w.member
        used = [f"Hongqi#20{n:02d}" for n in range(5)]
        for password in used:
            user.set_password(password)
            user.save()
        for password in used:
            self.assertIn("最近 5 次", self.errors(password, user), password)

    def test_the_sixth_password_back_is_allowed_again(self):
        user = self.w.member  # created with PASSWORD: that is the first in its history
        for n in range(5):
            user.set_password(f"Hongqi#20{n:02d}")
            user.save()
        self.assertEqual(self.errors(PASSWORD, user), "")
        self.assertEqual(PasswordHistory.objects.filter(user=user).count(), 5)

    def test_history_keeps_hashes_never_the_password(self):
        for entry in PasswordHistory.objects.filter(user=self.w.member):
            self.assertTrue(entry.password.startswith("argon2"))
            self.assertNotIn(PASSWORD, entry.password)
