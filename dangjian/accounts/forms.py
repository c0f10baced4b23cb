"""Forms of the account, role and security pages (Chinese labels and messages)."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.forms import PasswordChangeForm as DjangoPasswordChangeForm
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import QuerySet

from dangjian.orgs.models import Organization
from dangjian.orgs.picker import Scope
from dangjian.orgs.widgets import OrgPickerWidget

from .models import Role, SecurityPolicy


class AccountCreateForm(forms.Form):
    person = forms.IntegerField(widget=forms.HiddenInput, error_messages={"required": "请先在名册中选择人员。"})
    username = forms.CharField(
        label="用户名",
        max_length=150,
        help_text="字母、数字和 @ . + - _，登录时使用，建立后不能修改。",
        error_messages={"required": "请填写用户名。"},
        widget=forms.TextInput(attrs={"class": "form-control", "autocomplete": "off"}),
    )
    display_name = forms.CharField(
        label="显示姓名",
        max_length=50,
        required=False,
        help_text="留空则使用人员姓名。",
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )


class RoleGrantForm(forms.Form):
    # Picked by name in the page's search-as-you-type list (roles.role_grant_accounts), which posts the username.
    username = forms.CharField(
        label="账号", max_length=150, error_messages={"required": "请填写用户名，或按姓名查找并选择账号。"}
    )
    role = forms.ChoiceField(label="角色", error_messages={"required": "请选择角色。"})
    # Among the organizations where the granter may grant something (a search box when they are many).
    org = forms.ModelChoiceField(
        label="所在组织",
        queryset=Organization.objects.none(),
        to_field_name="code",
        empty_label="请选择",
        error_messages={"required": "请选择组织。", "invalid_choice": "该组织不在您的管理范围内。"},
        widget=OrgPickerWidget(),
    )

    def __init__(
        self, *args: Any, roles: list[tuple[str, str]], orgs: QuerySet[Organization], granting_roles: tuple[str, ...],
        **kwargs: Any,
    ) -> None:  # fmt: skip
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["role"]).choices = [("", "请选择"), *roles]
        org = cast(forms.ModelChoiceField, self.fields["org"])
        org.queryset = orgs
        cast(OrgPickerWidget, org.widget).scope = Scope(roles=granting_roles)
        self.fields["role"].error_messages["invalid_choice"] = "您无权授予该角色。"
        self.fields["username"].widget.attrs["class"] = "form-control"
        self.fields["role"].widget.attrs["class"] = "form-select"
        self.fields["org"].widget.attrs["class"] = "form-select"


class PolicyForm(forms.ModelForm):
    otp_required_roles = forms.MultipleChoiceField(
        label="须使用动态口令（双因素认证）的角色",
        choices=Role.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
    )

    class Meta:
        model = SecurityPolicy
        fields = list(SecurityPolicy.FIELDS)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if not isinstance(field, forms.IntegerField):
                continue
            low, high = _limits(name)
            field.validators = [
                MinValueValidator(low, message=f"不能小于 {low}（等级保护三级基线）。"),
                MaxValueValidator(high, message=f"不能大于 {high}。"),
            ]
            field.help_text = f"可设置范围 {low}–{high}"
            field.error_messages["required"] = "请填写。"
            field.error_messages["invalid"] = "请填写整数。"
            field.widget.attrs.update({"class": "form-control", "min": low, "max": high})


def _limits(name: str) -> tuple[int, int]:
    """The model field's bounds (the baseline below, a sane ceiling above)."""
    validators = cast(models.Field, SecurityPolicy._meta.get_field(name)).validators
    low = next(v.limit_value for v in validators if isinstance(v, MinValueValidator))
    high = next(v.limit_value for v in validators if isinstance(v, MaxValueValidator))
    return low, high


class PasswordChangeForm(DjangoPasswordChangeForm):
    """Django's form (old password, new twice, the validators) with our wording."""

    error_messages = {
        **DjangoPasswordChangeForm.error_messages,
        "password_incorrect": "原密码不正确，请重新输入。",
        "password_mismatch": "两次输入的新密码不一致。",
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["old_password"].label = "原密码"
        self.fields["new_password1"].label = "新密码"
        self.fields["new_password2"].label = "再次输入新密码"
        # The page lists the policy's rules once, under the fields; the validators' own list
        # (Django's help text) would say the same again, partly in other words.
        self.fields["new_password1"].help_text = ""
        self.fields["new_password2"].help_text = ""
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-control"

    def clean_new_password1(self) -> str:
        new = self.cleaned_data.get("new_password1") or ""
        old = self.data.get("old_password") or ""
        if new and old and new == old:
            raise forms.ValidationError("新密码不能与原密码相同。")
        return new


class TokenForm(forms.Form):
    token = forms.RegexField(
        label="动态口令",
        regex=r"^\s*\d{6}\s*$",
        max_length=10,
        error_messages={"required": "请输入手机上显示的 6 位动态口令。", "invalid": "动态口令是 6 位数字。"},
        widget=forms.TextInput(
            attrs={
                "class": "form-control form-control-lg text-center",
                "inputmode": "numeric",
                "autocomplete": "one-time-code",
            }
        ),
    )


class LoginForm(AuthenticationForm):
    """The login: a username, or the ID number of a member whose account is activated.

    The ID number is turned into its account's username before the password is checked,
    so the lockout (django-axes) counts the failures of both ways in against one account.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "用户名或身份证号"

    def clean_username(self) -> str:
        from .member_accounts import account_for_login

        typed = (self.cleaned_data.get("username") or "").strip()
        account = account_for_login(typed)
        return account.username if account is not None else typed


class ActivationForm(forms.Form):
    """A member's first step: the ID number, the code of the slip, and a password of their own."""

    id_number = forms.CharField(
        label="身份证号",
        max_length=18,
        min_length=18,
        error_messages={"required": "请填写身份证号。", "min_length": "身份证号为 18 位。"},
        widget=forms.TextInput(attrs={"class": "form-control", "autocomplete": "username"}),
    )
    code = forms.CharField(
        label="激活码",
        max_length=20,
        error_messages={"required": "请填写激活码条上的激活码。"},
        widget=forms.TextInput(attrs={"class": "form-control text-uppercase", "autocomplete": "one-time-code"}),
    )
    new_password1 = forms.CharField(
        label="设置密码",
        strip=False,
        error_messages={"required": "请设置密码。"},
        widget=forms.PasswordInput(attrs={"class": "form-control", "autocomplete": "new-password"}),
    )
    new_password2 = forms.CharField(
        label="再次输入密码",
        strip=False,
        error_messages={"required": "请再次输入密码。"},
        widget=forms.PasswordInput(attrs={"class": "form-control", "autocomplete": "new-password"}),
    )

    def clean_id_number(self) -> str:
        return self.cleaned_data["id_number"].strip().upper()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        one, two = data.get("new_password1"), data.get("new_password2")
        if one and two and one != two:
            self.add_error("new_password2", "两次输入的密码不一致。")
        return data


class MemberAccountsForm(forms.Form):
    """Which people get an account: all of an organization's subtree who have none, or those ticked."""

    org = forms.ChoiceField(label="党组织", error_messages={"required": "请选择党组织。"})
    people = forms.MultipleChoiceField(required=False)

    def __init__(self, *args: Any, orgs: list[tuple[str, str]], people: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["org"]).choices = orgs
        cast(forms.MultipleChoiceField, self.fields["people"]).choices = people
        self.fields["org"].error_messages["invalid_choice"] = "该组织不在您的管理范围内。"
        self.fields["people"].error_messages["invalid_choice"] = "所选人员不在该组织，或已有账号。"
        self.fields["org"].widget.attrs["class"] = "form-select"
