"""manage.py import_orgs FILE.xlsx [--dry-run] [--user NAME]: import the organization tree."""

from dangjian.core.importing.pages import ImportCommand
from dangjian.orgs.importing import import_orgs_file


class Command(ImportCommand):
    help = "从 Excel（.xlsx）导入党组织。任何一行有错误时不写入任何数据；--dry-run 只校验。"
    what = "党组织"
    import_file = staticmethod(import_orgs_file)
