from .helpers import RosterTestCase


class PagesRenderTests(RosterTestCase):
    def test_it_renders_every_roster_page_for_an_administrator(self):
        self.login_as(self.w.admin_a)
        pk = self.w.person_a.pk
        for url in (
            "/members/",
            "/members/?q=zjg&sort=-birth",
            "/members/new/",
            f"/members/{pk}/",
            f"/members/{pk}/edit/",
            f"/members/{pk}/transfer/",
            f"/members/{pk}/posts/new/",
            "/members/full-time-deputies/?org=A&year=2024",
        ):
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertEqual(response.status_code, 200)
                self.assertContains(response, "机关党建工作平台")
