"""Logged-in pages of the publicity module, under /publicity/ (the public website: news.py)."""

from django.urls import path

from ..views import articles, channels, gate, home, papers, records, reports, workflow

app_name = "publicity"

urlpatterns = [
    path("", home.home, name="home"),
    # Articles and their workflow.
    path("articles/", articles.article_list, name="articles"),
    path("articles/new/", articles.article_new, name="article_new"),
    path("articles/<int:pk>/", articles.article_detail, name="article"),
    path("articles/<int:pk>/edit/", articles.article_edit, name="article_edit"),
    path("articles/<int:pk>/submit/", workflow.submit, name="article_submit"),
    path("articles/<int:pk>/approve/", workflow.approve, name="article_approve"),
    path("articles/<int:pk>/return/", workflow.return_article, name="article_return"),
    path("articles/<int:pk>/publish/", workflow.publish, name="article_publish"),
    path("articles/<int:pk>/withdraw/", workflow.withdraw, name="article_withdraw"),
    path("articles/<int:pk>/override/", workflow.override, name="article_override"),
    path("articles/<int:pk>/images/", workflow.image_upload, name="article_image"),
    # The organization picker's search (htmx).
    # Content security.
    path("gate/", gate.gate_page, name="gate"),
    # Channels, columns, newspaper special pages.
    path("channels/", channels.channel_list, name="channels"),
    path("channels/<int:pk>/columns/", channels.column_new, name="column_new"),
    path("special-pages/", channels.special_page_list, name="special_pages"),
    path("special-pages/new/", channels.special_page_new, name="special_page_new"),
    # Information reports.
    path("reports/", reports.report_list, name="reports"),
    path("reports/new/", reports.report_new, name="report_new"),
    path("reports/targets/", reports.report_targets, name="report_targets"),
    path("reports/<int:pk>/", reports.report_detail, name="report"),
    path("reports/<int:pk>/edit/", reports.report_edit, name="report_edit"),
    path("reports/<int:pk>/submit/", reports.report_submit, name="report_submit"),
    path("reports/<int:pk>/return/", reports.report_return, name="report_return"),
    path("reports/<int:pk>/send/", reports.report_send, name="report_send"),
    path("reports/<int:pk>/adopt/", reports.report_adopt, name="report_adopt"),
    # Case studies (cases) and research outputs (research).
    path("papers/<slug:kind>/", papers.paper_list, name="papers"),
    path("papers/<slug:kind>/new/", papers.paper_new, name="paper_new"),
    path("papers/<slug:kind>/compilation.docx", papers.paper_compile, name="paper_compile"),
    path("papers/<slug:kind>/<int:pk>/", papers.paper_detail, name="paper"),
    path("papers/<slug:kind>/<int:pk>/edit/", papers.paper_edit, name="paper_edit"),
    path("papers/<slug:kind>/<int:pk>/submit/", papers.paper_submit, name="paper_submit"),
    path("papers/<slug:kind>/<int:pk>/return/", papers.paper_return, name="paper_return"),
    path("papers/<slug:kind>/<int:pk>/send/", papers.paper_send, name="paper_send"),
    path("papers/<slug:kind>/<int:pk>/award/", papers.paper_award, name="paper_award"),
    # The records behind the figures (dangjian.core.registry).
    path("records/articles/", records.articles, name="records_articles"),
    path("records/special-pages/", records.special_pages, name="records_special_pages"),
    path("records/info-sent/", records.info_sent, name="records_info_sent"),
    path("records/info-adopted/", records.info_adopted, name="records_info_adopted"),
    path("records/cases-sent/", records.cases_sent, name="records_cases_sent"),
    path("records/cases-awarded/", records.cases_awarded, name="records_cases_awarded"),
    path("records/research/", records.research, name="records_research"),
]
