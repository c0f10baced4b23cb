from django.urls import reverse

from .helpers import StudyTestCase


class HomeTests(StudyTestCase):
    def test_an_administrator_sees_this_years_figures_and_the_sections(self):
        self.login_as(self.w.admin_a)
        r = self.client.get(reverse("study:home"))
        self.assertContains(r, "中心组集体学习")
        self.assertContains(r, "组织生活按期开展率")
        self.assertContains(r, reverse("study:behind"))

    def test_a_member_sees_their_own_study_and_the_sign_up_link(self):
        self.klass(self_signup=True)
        self.login_as(self.w.member)
        r = self.client.get(reverse("study:home"))
        self.assertContains(r, "可报名的培训班：<strong>1</strong>", html=False)
        self.assertContains(r, reverse("study:my_record"))
        self.assertNotContains(r, reverse("study:meetings"))

    def test_someone_without_a_role_or_record_is_told_so(self):
        self.login_as(self.w.outsider)
        self.assertContains(self.client.get(reverse("study:home")), "暂无可办理的学习培训事项")
