from __future__ import annotations

from typing import Any

from django import forms

from dangjian.accounts.models import Role
from dangjian.core.web import BootstrapForm, OrgChoiceField
from dangjian.orgs.models import OrgKind
from dangjian.orgs.picker import Scope
from dangjian.orgs.widgets import OrgPickerWidget

from .conf import DashboardSettings

# What a screen may show: an organization under the user's committee-staff role, down to the third
# level, no 党小组 (the view passes these; the search box offers them).
SCREEN_ORGS = Scope(roles=(Role.COMMITTEE_STAFF,), exclude_kinds=(OrgKind.GROUP,), max_depth=3)


class ScreenLinkForm(BootstrapForm):
    name = forms.CharField(label="名称", max_length=60, help_text="大屏所在的地点或用途，如“三楼会议室大屏”")
    org = OrgChoiceField(
        label="展示范围",
        queryset=None,
        help_text="大屏只显示该组织及其下级组织的数据",
        widget=OrgPickerWidget(scope=SCREEN_ORGS),
    )
    days = forms.IntegerField(label="有效天数", min_value=1)

    def __init__(self, *args: Any, orgs: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        conf = DashboardSettings.current()
        org_field = self.fields["org"]
        assert isinstance(org_field, OrgChoiceField)
        org_field.queryset = orgs
        days = self.fields["days"]
        assert isinstance(days, forms.IntegerField)
        days.widget.attrs["max"] = conf.screen_link_max_days
        days.initial = conf.screen_link_default_days
        days.help_text = f"到期后链接自动失效（最长 {conf.screen_link_max_days} 天）"
