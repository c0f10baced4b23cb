"""An ID number on another subtree's roster: the same answer as any duplicate, never where it is."""

import datetime as dt

from dangjian.core.testing import make_id_number
from dangjian.people.models import Member
from dangjian.people.services import ID_NUMBER_TAKEN

from .helpers import RosterTestCase


class IdNumberElsewhereTests(RosterTestCase):
    def form(self, id_number: str, birth_date: dt.date, gender: str) -> dict[str, str]:
        return {
            "org": "A02",
            "name": "周新",
            "gender": gender,
            "ethnicity": "汉族",
            "birth_date": birth_date.isoformat(),
            "id_number": id_number,
            "status": "activist",
            "cadre_rank": "staff",
        }

    def errors_for(self, other: Member, *, elsewhere: bool) -> list[str]:
        response = self.client.post("/members/new/", self.form(other.id_number, other.birth_date, other.gender))
        self.assertEqual(response.status_code, 200)
        self.assertFalse(Member.objects.filter(name="周新").exists())
        text = response.content.decode()
        for hint in (
            () if not elsewhere else ("管理范围", other.org.name, other.org.code + "）", other.name, "其他组织")
        ):
            self.assertNotIn(hint, text)
        return response.context["form"].errors["id_number"]

    def test_a_number_in_another_subtree_is_answered_like_a_duplicate_in_ones_own(self):
        self.login_as(self.w.admin_a)
        elsewhere = self.errors_for(self.w.person_b, elsewhere=True)  # 李红梅 of B01, outside admin_a's subtree
        own = self.errors_for(self.w.person_a, elsewhere=False)  # 张建国 of A01, inside it
        self.assertEqual(elsewhere, [ID_NUMBER_TAKEN])
        self.assertEqual(elsewhere, own)

    def test_a_wrong_check_digit_is_refused_in_the_same_field(self):
        self.login_as(self.w.admin_a)
        born = dt.date(1988, 8, 8)
        good = make_id_number(born, serial=77)
        bad = good[:-1] + ("1" if good[-1] != "1" else "2")
        response = self.client.post("/members/new/", self.form(bad, born, ""))
        self.assertIn("校验码", response.context["form"].errors["id_number"][0])
        self.assertFalse(Member.objects.filter(name="周新").exists())
