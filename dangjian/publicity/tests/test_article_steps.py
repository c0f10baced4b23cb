"""One rule for the steps of an article: the page's buttons, the services and the refusal codes agree."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from dangjian.core.errors import codes_of
from dangjian.publicity import permissions
from dangjian.publicity.models import Article, Status
from dangjian.publicity.services import articles as services
from dangjian.publicity.services import gate, images

from .helpers import PNG, PublicityTestCase

# What shows each step on the article's page.
BUTTONS = {
    "edit": '<i class="bi bi-pencil"></i> 修改</a>',
    "submit": "提交审核</button>",
    "approve": "审核通过</button>",
    "return": "退回修改</button>",
    "publish": "发布</button>",
    "withdraw": ">撤回</button>",
    "override": "确认放行</button>",
    "image": "上传</button>",
}


def _call(step: str, article: Article, by: Any) -> Callable[[], object]:
    data = services.ArticleData(org=article.org, column=article.column, title=article.title, body=article.body)
    return {
        "edit": lambda: services.article_update(article=article, by=by, data=data),
        "submit": lambda: services.article_submit(article=article, by=by),
        "approve": lambda: services.article_approve(article=article, by=by),
        "return": lambda: services.article_return(article=article, by=by, comment="请修改"),
        "publish": lambda: services.article_publish(article=article, by=by),
        "withdraw": lambda: services.article_withdraw(article=article, by=by, reason="需核实"),
        "override": lambda: gate.article_override(article=article, by=by, reason="引用词语，不是推广"),
        "image": lambda: images.image_add(article=article, by=by, data=PNG, name="a.png", alt="现场"),
    }[step]


class ArticleStepTests(PublicityTestCase):
    def articles(self) -> dict[str, Article]:
        return {
            Status.DRAFT: self.draft(title="草稿"),
            Status.SUBMITTED: self.submitted(title="待审"),
            Status.APPROVED: self.approved(title="已审"),
            Status.PUBLISHED: self.published(title="已发"),
        }

    def test_it_shows_exactly_the_buttons_the_rule_allows(self) -> None:
        articles = self.articles()
        for user in (self.editor, self.reviewer, self.editor_a, self.w.staff):
            self.login_as(user)
            for status, article in articles.items():
                page = self.client.get(f"/publicity/articles/{article.pk}/").content.decode()
                for step, button in BUTTONS.items():
                    allowed = permissions.article_refusal(user, article, step) is None
                    with self.subTest(user=user.username, status=status, step=step):
                        self.assertEqual(button in page, allowed)

    def test_it_has_every_service_refuse_what_the_rule_refuses_with_its_code(self) -> None:
        articles = self.articles()
        for user in (self.editor, self.reviewer, self.editor_a):
            for status, article in articles.items():
                for step in permissions.STEPS:
                    refusal = permissions.article_refusal(user, article, step)
                    if refusal is None:
                        continue
                    with self.subTest(user=user.username, status=status, step=step):
                        before = Article.objects.get(pk=article.pk).status
                        with self.assertRaises(ValidationError) as refused, transaction.atomic():
                            _call(step, article, user)()
                        self.assertEqual(codes_of(refused.exception), {refusal.code})
                        self.assertEqual(Article.objects.get(pk=article.pk).status, before)

    def test_it_lets_a_reviewer_approve_or_return_a_submitted_article_and_nothing_else(self) -> None:
        actions = permissions.article_actions(self.reviewer, self.submitted())
        self.assertEqual(
            (actions.edit, actions.submit, actions.approve, actions.return_, actions.publish, actions.withdraw),
            (False, False, True, True, False, False),
        )

    def test_it_refuses_an_editor_publishing(self) -> None:
        article = self.approved()
        with self.assertRaises(ValidationError) as refused:
            services.article_publish(article=article, by=self.editor)
        self.assertEqual(codes_of(refused.exception), {"publicity_not_permitted"})

    def test_it_refuses_a_reviewer_submitting_an_editors_draft(self) -> None:
        article = self.draft()
        with self.assertRaises(ValidationError) as refused:
            services.article_submit(article=article, by=self.reviewer)
        self.assertEqual(codes_of(refused.exception), {"publicity_not_permitted"})

    def test_it_refuses_to_override_an_article_nothing_stopped(self) -> None:
        article = self.submitted()
        with self.assertRaises(ValidationError) as refused:
            gate.article_override(article=article, by=self.reviewer, reason="引用词语，不是推广")
        self.assertEqual(codes_of(refused.exception), {"publicity_nothing_to_override"})

    def test_it_sends_the_edit_page_of_a_submitted_article_back_with_the_rules_message(self) -> None:
        article = self.submitted()
        self.login_as(self.editor)
        response = self.client.get(f"/publicity/articles/{article.pk}/edit/", follow=True)
        self.assertRedirects(response, f"/publicity/articles/{article.pk}/")
        self.assertContains(response, "稿件当前为“待审核”，不能修改。")

    def test_it_names_the_refused_fields_of_an_article_with_their_codes(self) -> None:
        self.column.is_active = False
        self.column.save()
        data = services.ArticleData(org=self.w.org_a, column=self.column, title="  ", body="<p>正文</p>")
        with self.assertRaises(ValidationError) as refused:
            services.article_create(by=self.editor, data=data)
        self.assertEqual(codes_of(refused.exception), {"publicity_title_required", "publicity_column_inactive"})
        self.assertEqual(set(refused.exception.message_dict), {"title", "column"})
        self.assertFalse(Article.objects.filter(editor=self.editor).exists())
