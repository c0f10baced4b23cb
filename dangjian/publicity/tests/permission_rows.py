"""What each named user gets from each route of the publicity module.

The logged-in pages are for those holding a publicity role over an
organization (committee staff, organization administrators, 编辑, 审核);
reviewing, publishing and overriding the gate take 审核 or committee staff;
sending reports up, adoption and awards take committee staff. Everything is
about records of A's subtree, so admin_b gets a recorded 404. The public
website (/news/) answers everyone, the anonymous visitor included.
"""

from __future__ import annotations

from typing import Any

from dangjian.core.permission_matrix import IN_A, STAFF_AND_ADMINS, api, page, row
from dangjian.publicity.models import Article, ArticleImage, Channel, ChannelKind, Column, InfoReport, Paper, Status

STAFF_REDIRECT = {"staff": 302}
IN_A_REDIRECT = {"staff": 302, "admin_a": 302}


def prepare(case: Any) -> dict[str, Any]:
    from django.utils import timezone

    from dangjian.core.testing import make_user

    w = case.w
    editor = make_user("matrix_editor")
    site = Channel.objects.create(org=w.committee, kind=ChannelKind.SITE, name="党建网站", slug="website")
    column = Column.objects.create(channel=site, name="工作动态", slug="gzdt")
    now = timezone.now()

    def article(status: str, **extra: Any) -> Article:
        return Article.objects.create(
            org=w.org_a, column=column, title=f"{status}稿件", body="<p>正文</p>", editor=editor, status=status, **extra
        )

    draft = article(Status.DRAFT)
    submitted = article(Status.SUBMITTED, submitted_at=now)
    approved = article(Status.APPROVED, submitted_at=now, approved_at=now)
    published = article(Status.PUBLISHED, published_at=now, reviewer=editor)
    blocked = article(Status.DRAFT, scan_verdict="blocked")
    image = ArticleImage.objects.create(
        article=published,
        file="publicity/images/matrix.png",
        content_type="image/png",
        size=1,
        sha256="0",
        uploaded_by=editor,
    )
    _write_image(case, image)
    report = InfoReport.objects.create(org=w.org_a, title="信息", body="正文", drafted_by=editor, status="draft")
    case_study = Paper.objects.create(
        kind="case_study", org=w.org_a, year=2024, title="案例", body="正文", drafted_by=editor
    )

    def reset(obj: Any, **fields: Any):
        return lambda: type(obj).objects.filter(pk=obj.pk).update(**fields)

    case.before_each.update(
        {
            "publicity:article_submit": reset(draft, status=Status.DRAFT),
            "publicity:article_approve": reset(submitted, status=Status.SUBMITTED, reviewer=None),
            "publicity:article_publish": reset(approved, status=Status.APPROVED),
            "publicity:report_submit": reset(report, status="draft"),
            "publicity:report_send": reset(report, status="submitted"),
            "publicity:report_return": reset(report, status="submitted"),
            "publicity:report_adopt": reset(report, status="sent"),
            "publicity:paper_submit": reset(case_study, status="draft"),
            "publicity:paper_send": reset(case_study, status="submitted"),
            "publicity:paper_return": reset(case_study, status="submitted"),
            "publicity:paper_award": reset(case_study, status="sent"),
        }
    )
    return {
        "draft": draft.pk,
        "submitted": submitted.pk,
        "approved": approved.pk,
        "published": published.pk,
        "blocked": blocked.pk,
        "image": image.pk,
        "report": report.pk,
        "case": case_study.pk,
        "site": site.pk,
    }


def _write_image(case: Any, image: ArticleImage) -> None:
    """The image's file, never in the real media folder.

    Another app's prepare() may already have pointed MEDIA_ROOT at a throwaway
    folder (its files live there): then the file goes there too.
    """
    import shutil
    import tempfile
    from pathlib import Path

    from django.conf import settings
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage
    from django.test import override_settings

    from .helpers import PNG

    if Path(settings.MEDIA_ROOT).resolve() == (Path(settings.VAR_DIR) / "media").resolve():
        folder = tempfile.mkdtemp(prefix="dangjian-media-")
        override = override_settings(MEDIA_ROOT=folder)
        override.enable()
        case.addCleanup(shutil.rmtree, folder, True)
        case.addCleanup(override.disable)
    name = default_storage.save(image.file.name, ContentFile(PNG))
    ArticleImage.objects.filter(pk=image.pk).update(file=name)
    case.addCleanup(default_storage.delete, name)


ROWS = {
    "publicity:home": page("/publicity/", **STAFF_AND_ADMINS),
    "publicity:articles": page("/publicity/articles/", **STAFF_AND_ADMINS),
    "publicity:article_new": page("/publicity/articles/new/", **STAFF_AND_ADMINS),
    "publicity:article": page("/publicity/articles/{draft}/", **IN_A),
    "publicity:article_edit": page("/publicity/articles/{draft}/edit/", **IN_A),
    # Steps answer with a redirect to the article (a refusal of the step itself is a message there).
    "publicity:article_submit": page("/publicity/articles/{draft}/submit/", method="POST", **IN_A_REDIRECT),
    "publicity:article_image": page("/publicity/articles/{draft}/images/", method="POST", **IN_A_REDIRECT),
    "publicity:article_approve": page("/publicity/articles/{submitted}/approve/", method="POST", **STAFF_REDIRECT),
    "publicity:article_return": page("/publicity/articles/{submitted}/return/", method="POST", **STAFF_REDIRECT),
    "publicity:article_publish": page("/publicity/articles/{approved}/publish/", method="POST", **STAFF_REDIRECT),
    "publicity:article_withdraw": page("/publicity/articles/{published}/withdraw/", method="POST", **STAFF_REDIRECT),
    "publicity:article_override": page("/publicity/articles/{blocked}/override/", method="POST", **STAFF_REDIRECT),
    "publicity:gate": page("/publicity/gate/", **STAFF_AND_ADMINS),
    # Channels and columns are the committee's.
    "publicity:channels": page("/publicity/channels/", staff=200),
    "publicity:column_new": page("/publicity/channels/{site}/columns/", method="POST", **STAFF_REDIRECT),
    "publicity:special_pages": page("/publicity/special-pages/", **STAFF_AND_ADMINS),
    "publicity:special_page_new": page("/publicity/special-pages/new/", staff=200),
    # Information reports: organizations draft and submit, the committee returns, sends up, records adoption.
    "publicity:reports": page("/publicity/reports/", **STAFF_AND_ADMINS),
    "publicity:report_new": page("/publicity/reports/new/", **STAFF_AND_ADMINS),
    "publicity:report_targets": page("/publicity/reports/targets/", **STAFF_AND_ADMINS),
    "publicity:report": page("/publicity/reports/{report}/", **IN_A),
    "publicity:report_edit": page("/publicity/reports/{report}/edit/", **IN_A),
    "publicity:report_submit": page("/publicity/reports/{report}/submit/", method="POST", **IN_A_REDIRECT),
    "publicity:report_return": page("/publicity/reports/{report}/return/", method="POST", **STAFF_REDIRECT),
    "publicity:report_send": page("/publicity/reports/{report}/send/", method="POST", **STAFF_REDIRECT),
    "publicity:report_adopt": page("/publicity/reports/{report}/adopt/", method="POST", **STAFF_REDIRECT),
    # Case studies and research outputs (the same routes, /papers/cases/ and /papers/research/).
    "publicity:papers": page("/publicity/papers/cases/", **STAFF_AND_ADMINS),
    "publicity:paper_new": page("/publicity/papers/research/new/", **STAFF_AND_ADMINS),
    "publicity:paper_compile": page("/publicity/papers/cases/compilation.docx?year=2024", **STAFF_AND_ADMINS),
    "publicity:paper": page("/publicity/papers/cases/{case}/", **IN_A),
    "publicity:paper_edit": page("/publicity/papers/cases/{case}/edit/", **IN_A),
    "publicity:paper_submit": page("/publicity/papers/cases/{case}/submit/", method="POST", **IN_A_REDIRECT),
    "publicity:paper_return": page("/publicity/papers/cases/{case}/return/", method="POST", **STAFF_REDIRECT),
    "publicity:paper_send": page("/publicity/papers/cases/{case}/send/", method="POST", **STAFF_REDIRECT),
    "publicity:paper_award": page("/publicity/papers/cases/{case}/award/", method="POST", **STAFF_REDIRECT),
    # The records behind the figures.
    "publicity:records_articles": page("/publicity/records/articles/", **STAFF_AND_ADMINS),
    "publicity:records_special_pages": page("/publicity/records/special-pages/", **STAFF_AND_ADMINS),
    "publicity:records_info_sent": page("/publicity/records/info-sent/", **STAFF_AND_ADMINS),
    "publicity:records_info_adopted": page("/publicity/records/info-adopted/", **STAFF_AND_ADMINS),
    "publicity:records_cases_sent": page("/publicity/records/cases-sent/", **STAFF_AND_ADMINS),
    "publicity:records_cases_awarded": page("/publicity/records/cases-awarded/", **STAFF_AND_ADMINS),
    "publicity:records_research": page("/publicity/records/research/", **STAFF_AND_ADMINS),
    # The public website: no login, everyone gets it (the anonymous visitor too).
    "news:index": row("/news/", others=200),
    "news:feed": row("/news/rss.xml", others=200),
    "news:article": row("/news/a/{published}/", others=200),
    "news:article_wechat": row("/news/a/{published}/wechat.html", others=200),
    "news:image": row("/news/images/{image}/", others=200),
    "news:channel": row("/news/c/website/", others=200),
    "news:column": row("/news/c/website/gzdt/", others=200),
    # API.
    "api-v1:list_articles": api("/api/v1/publicity/articles", **STAFF_AND_ADMINS),
    "api-v1:get_article": api("/api/v1/publicity/articles/{draft}", **IN_A),
    "api-v1:scan": api("/api/v1/publicity/scan", method="POST", staff=422, admin_a=422, admin_b=422),
    "api-v1:list_info_reports": api("/api/v1/publicity/info-reports", **STAFF_AND_ADMINS),
}
