"""Demo data of the publicity module, found by dangjian.demo through the manifest's seeder.

articles.py  channels, accounts, five years of articles and special pages; seed_publicity runs it all
reports.py   information reports sent up, case studies and research outputs
texts.py     the words the demo data is drawn from
"""

from .articles import seed_publicity

__all__ = ["seed_publicity"]
