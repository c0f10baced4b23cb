from dangjian.core import registry
from dangjian.core.testing import BaseTestCase


class DashboardTests(BaseTestCase):
    def setUp(self):
        super().setUp()
        metric = registry.metric("test.children", "直属下级组织数", unit="个")(lambda org, year: org.numchild)
        self.enterContext(registry.installed_for_test(metric))

    def test_it_shows_the_figures_of_the_chosen_org(self):
        self.login_as(self.w.staff)
        response = self.client.get("/dashboard/", {"org": "A", "year": 2024})
        self.assertContains(response, "直属下级组织数")
        self.assertContains(response, "市财政局机关党委")
        self.assertContains(response, "2024年")
        self.assertEqual(next(f for f in response.context["figures"] if f["metric"].key == "test.children")["value"], 2)

    def test_figures_are_grouped_under_the_app_that_reports_them(self):
        self.login_as(self.w.staff)
        response = self.client.get("/dashboard/", {"org": "GW", "year": 2024})
        groups = {g["label"]: [f["metric"].key for f in g["figures"]] for g in response.context["groups"]}
        self.assertIn("volunteer.hours", groups["志愿服务"])
        self.assertNotIn("volunteer.hours", groups.get("理论学习", []))
        self.assertContains(response, '<h2 class="h6 text-muted mt-4 mb-2">志愿服务</h2>', html=False)
        self.assertEqual(sum(len(keys) for keys in groups.values()), len(response.context["figures"]))

    def test_an_admin_cannot_look_at_another_org(self):
        self.login_as(self.w.admin_a)
        self.assertEqual(self.client.get("/dashboard/", {"org": "B"}).status_code, 404)

    def test_a_member_is_sent_to_their_own_record(self):
        self.login_as(self.w.member)
        response = self.client.get("/")
        self.assertRedirects(response, f"/members/{self.w.person_a.pk}/", fetch_redirect_response=False)

    def test_a_member_gets_a_404_for_the_dashboard(self):
        self.login_as(self.w.member)
        self.assertEqual(self.client.get("/dashboard/").status_code, 404)

    def test_staff_land_on_the_dashboard(self):
        self.login_as(self.w.staff)
        self.assertRedirects(self.client.get("/"), "/dashboard/", fetch_redirect_response=False)
