"""manage.py import_members FILE.xlsx [--dry-run] [--user NAME]: import a roster."""

from dangjian.core.importing.pages import ImportCommand
from dangjian.people.importing import import_members_file


class Command(ImportCommand):
    help = (
        "从 Excel（.xlsx）导入人员名册（党员、入党积极分子、非党干部）。"
        "任何一行有错误时不写入任何数据；--dry-run 只校验。"
    )
    what = "人员"
    import_file = staticmethod(import_members_file)
