"""The study forms' date and time fields: what a browser's date input can show."""

import datetime as dt

from django.test import SimpleTestCase, override_settings
from django.urls import reverse

from dangjian.orgs.models import Organization
from dangjian.people.models import Member

from ..forms import ClassForm, MeetingForm, SessionForm
from .helpers import StudyTestCase


@override_settings(LANGUAGE_CODE="zh-hans", USE_I18N=True)
class DateWidgetTests(SimpleTestCase):
    def test_it_renders_a_default_date_as_iso(self):
        form = MeetingForm(
            kinds=[("theme_day", "主题党日")], chairs=Member.objects.none(), initial={"held_on": dt.date(2026, 12, 3)}
        )
        html = str(form["held_on"])
        self.assertIn('type="date"', html)
        self.assertIn('value="2026-12-03"', html)  # zh-Hans would write 2026/12/03, which a date input shows as empty

    def test_it_renders_a_default_time_as_hours_and_minutes(self):
        form = SessionForm(initial={"held_on": dt.date(2026, 1, 5), "starts_at": dt.time(14, 30)})
        self.assertIn('value="2026-01-05"', str(form["held_on"]))
        self.assertIn('type="time"', str(form["starts_at"]))
        self.assertIn('value="14:30"', str(form["starts_at"]))

    def test_every_date_field_of_the_class_form_is_a_date_picker(self):
        form = ClassForm(orgs=Organization.objects.none(), initial={"starts_on": dt.date(2026, 3, 2)})
        self.assertIn('value="2026-03-02"', str(form["starts_on"]))
        for name in ("starts_on", "ends_on", "signup_closes_on"):
            self.assertIn('type="date"', str(form[name]), name)


class MeetingFormPageTests(StudyTestCase):
    def test_the_new_meeting_page_offers_today_as_iso(self):
        self.login_as(self.w.staff)
        r = self.client.get(reverse("study:meeting_new"), {"org": self.w.branch_a1.code})
        self.assertContains(r, f'value="{self.today:%Y-%m-%d}"')
