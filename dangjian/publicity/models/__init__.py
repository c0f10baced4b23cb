"""Models of the publicity module: channels, columns, special pages and articles
(articles.py), and the reports sent upward (reports.py)."""

from .articles import (
    Article,
    ArticleEvent,
    ArticleImage,
    Channel,
    ChannelKind,
    Column,
    ContentOverride,
    ScanVerdict,
    SpecialPage,
    Status,
)
from .reports import InfoReport, Paper, PaperKind, ReportStatus, Step

__all__ = [
    "Article",
    "ArticleEvent",
    "ArticleImage",
    "Channel",
    "ChannelKind",
    "Column",
    "ContentOverride",
    "InfoReport",
    "Paper",
    "PaperKind",
    "ReportStatus",
    "ScanVerdict",
    "SpecialPage",
    "Status",
    "Step",
]
