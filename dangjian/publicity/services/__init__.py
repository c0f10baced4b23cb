"""Every write of the publicity module, one function per use case.

articles.py   the article workflow (create, edit, submit, approve, return, publish, withdraw)
gate.py       the content-security gate on articles (scan, override, re-check of published content)
images.py     image uploads into an article
channels.py   channels, columns and newspaper special pages
reports.py    information reports (信息报送)
papers.py     case studies and research outputs
"""
