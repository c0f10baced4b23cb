"""Every write of the publicity module, one function per use case.

articles.py   the article workflow (create, edit, submit, approve, return, publish, withdraw)
gate.py       the content-security gate on articles (scan, override, re-check of published content)
images.py     image uploads into an article
channels.py   channels, columns and newspaper special pages
reports.py    information reports (信息报送) and the steps a report or a paper goes through
papers.py     case studies and research outputs
"""

from .articles import (
    ArticleData,
    article_approve,
    article_create,
    article_publish,
    article_return,
    article_submit,
    article_update,
    article_withdraw,
)
from .channels import channel_create, column_create, special_page_create
from .gate import GateOutcome, RecheckRow, article_override, recheck_published
from .images import image_add, image_url
from .papers import paper_award, paper_create, paper_update
from .reports import info_report_adopt, info_report_create, info_report_update, return_to_org, send_up, steps_of, submit

__all__ = [
    "ArticleData",
    "GateOutcome",
    "RecheckRow",
    "article_approve",
    "article_create",
    "article_override",
    "article_publish",
    "article_return",
    "article_submit",
    "article_update",
    "article_withdraw",
    "channel_create",
    "column_create",
    "image_add",
    "image_url",
    "info_report_adopt",
    "info_report_create",
    "info_report_update",
    "paper_award",
    "paper_create",
    "paper_update",
    "recheck_published",
    "return_to_org",
    "send_up",
    "special_page_create",
    "steps_of",
    "submit",
]
