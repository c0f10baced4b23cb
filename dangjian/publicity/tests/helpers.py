"""A small publicity world on top of dangjian.core.testing.World.

The committee runs a website (columns 工作动态, 党建微播报) and the paper's
special pages; 编辑 and 审核 accounts hold their roles at the committee, and
an editor of the finance bureau (A) holds hers at A only.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

from django.test import override_settings

from dangjian.accounts.models import Role
from dangjian.core.testing import BaseTestCase, make_user
from dangjian.publicity.models import Article, Channel, ChannelKind, Column, Status
from dangjian.publicity.services import articles as services

CORPUS = Path(__file__).resolve().parent / "corpus"
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
    b"\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82"
)
CLEAN_BODY = "<p>市财政局机关党委组织党员下载学习强国app，开展“七一”主题党日活动，365天坚持学习。</p>"
SPAM_BODY = "<p>市财澳门新葡京官网局机关党委召开党员大会。</p>"


def setup_publicity(case: Any) -> None:
    w = case.w
    case.site = Channel.objects.create(org=w.committee, kind=ChannelKind.SITE, name="党建网站", slug="website")
    case.column = Column.objects.create(channel=case.site, name="工作动态", slug="gzdt")
    case.weibobao = Column.objects.create(channel=case.site, name="党建微播报", slug="djwbb", position=1)
    case.paper = Channel.objects.create(org=w.committee, kind=ChannelKind.NEWSPAPER, name="报纸专版", slug="newspaper")
    case.paper_column = Column.objects.create(channel=case.paper, name="党建专版", slug="djzb")
    case.editor = make_user("bianji", roles=((Role.EDITOR, w.committee),))
    case.reviewer = make_user("shenhe", roles=((Role.REVIEWER, w.committee),))
    case.editor_a = make_user("bianji_a", roles=((Role.EDITOR, w.org_a),))


class PublicityTestCase(BaseTestCase):
    site: Channel
    column: Column
    weibobao: Column
    paper: Channel
    paper_column: Column
    editor: Any
    reviewer: Any
    editor_a: Any

    def setUp(self) -> None:
        super().setUp()
        setup_publicity(self)

    def draft(
        self,
        *,
        by: Any = None,
        org: Any = None,
        title: str = "市财政局开展主题党日活动",
        body: str = CLEAN_BODY,
        column: Column | None = None,
        **extra: Any,
    ) -> Article:
        data = services.ArticleData(
            org=org or self.w.org_a, column=column or self.column, title=title, body=body, **extra
        )
        return services.article_create(by=by or self.editor, data=data)

    def submitted(self, **kwargs: Any) -> Article:
        article = self.draft(**kwargs)
        outcome = services.article_submit(article=article, by=article.editor)
        assert outcome.passed, outcome.blocking
        return article

    def approved(self, **kwargs: Any) -> Article:
        article = self.submitted(**kwargs)
        return services.article_approve(article=article, by=self.reviewer)

    def published(self, **kwargs: Any) -> Article:
        article = self.approved(**kwargs)
        outcome = services.article_publish(article=article, by=self.reviewer)
        assert outcome.passed, outcome.blocking
        article.refresh_from_db()
        assert article.status == Status.PUBLISHED
        return article


class MediaTestCase(PublicityTestCase):
    """Uploaded files go to a throwaway folder."""

    def setUp(self) -> None:
        self._media = tempfile.mkdtemp(prefix="dangjian-media-")
        self._override = override_settings(MEDIA_ROOT=self._media)
        self._override.enable()
        super().setUp()

    def tearDown(self) -> None:
        super().tearDown()
        self._override.disable()
        shutil.rmtree(self._media, ignore_errors=True)
