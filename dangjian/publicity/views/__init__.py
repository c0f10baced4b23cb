"""Pages of the publicity module, split by use case:

home.py       the landing page (工作台)
common.py     what the pages share: the menu's name, a step's button, the gate's message
articles.py   article list, form, page
workflow.py   the article's steps (submit, approve, return, publish, withdraw, override, image)
gate.py       the content-security queue and the check tool
channels.py   channels, columns, newspaper special pages
reports.py    information reports and their targets
papers.py     case studies and research outputs, the compilation
records.py    the records behind each figure
public.py     the public website under /news/

urls/ names each page by its module (as in every app), so this package re-exports nothing.
"""
