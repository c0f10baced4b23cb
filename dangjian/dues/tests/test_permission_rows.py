"""This app's rows of the permission matrix, checked on their own (the full matrix runs in core)."""

from dangjian.core.permission_matrix import USERS

from . import permission_rows
from .helpers import DuesTestCase


class RowsTests(DuesTestCase):
    def test_every_row_answers_each_user_as_it_says(self):
        values = permission_rows.prepare(self)
        wrong = []
        for name, r in permission_rows.ROWS.items():
            for user_name in USERS:
                self.client.logout()
                if user_name != "anonymous":
                    self.login_as(getattr(self.w, user_name))
                call = self.client.post if r.method == "POST" else self.client.get
                got = call(r.path.format(**values)).status_code
                if got != r.expected(user_name):
                    wrong.append(f"{name} as {user_name}: expected {r.expected(user_name)}, got {got}")
        self.assertEqual(wrong, [])
