from django.core.exceptions import ValidationError

from dangjian.accounts.models import Role, RoleAssignment
from dangjian.core.errors import codes_of
from dangjian.publicity.models import ArticleEvent, Status
from dangjian.publicity.services import articles as services

from .helpers import PublicityTestCase


class ApproveTests(PublicityTestCase):
    def test_it_approves_and_names_the_reviewer(self):
        article = self.submitted()
        services.article_approve(article=article, by=self.reviewer)
        article.refresh_from_db()
        self.assertEqual(article.status, Status.APPROVED)
        self.assertEqual(article.reviewer, self.reviewer)
        self.assertIsNotNone(article.approved_at)
        self.assertEqual(article.events.last().action, ArticleEvent.Action.APPROVED)

    def test_it_refuses_an_editor_approving_their_own_article(self):
        RoleAssignment.objects.create(user=self.editor, role=Role.REVIEWER, org=self.w.committee)
        article = self.submitted()
        with self.assertRaisesMessage(ValidationError, "编辑不能审核自己的稿件") as refused:
            services.article_approve(article=article, by=self.editor)
        self.assertEqual(codes_of(refused.exception), {"publicity_own_article"})
        article.refresh_from_db()
        self.assertEqual(article.status, Status.SUBMITTED)
        self.assertIsNone(article.reviewer)

    def test_it_refuses_to_approve_a_draft(self):
        article = self.draft()
        with self.assertRaises(ValidationError) as refused:
            services.article_approve(article=article, by=self.reviewer)
        self.assertEqual(codes_of(refused.exception), {"publicity_wrong_state"})

    def test_it_offers_no_approve_button_to_the_articles_own_editor(self):
        RoleAssignment.objects.create(user=self.editor, role=Role.REVIEWER, org=self.w.committee)
        article = self.submitted()
        self.login_as(self.editor)
        response = self.client.get(f"/publicity/articles/{article.pk}/")
        self.assertNotContains(response, "审核通过</button>")
        self.assertContains(response, "编辑不能审核自己的稿件")

    def test_it_answers_an_editors_approval_of_their_own_article_with_a_message(self):
        RoleAssignment.objects.create(user=self.editor, role=Role.REVIEWER, org=self.w.committee)
        article = self.submitted()
        self.login_as(self.editor)
        response = self.client.post(f"/publicity/articles/{article.pk}/approve/", follow=True)
        self.assertContains(response, "编辑不能审核自己的稿件")
        article.refresh_from_db()
        self.assertEqual(article.status, Status.SUBMITTED)
