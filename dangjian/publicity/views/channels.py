"""Channels and their columns (committee staff), and the newspaper special pages."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from dangjian.core import scoping
from dangjian.core.selectors import default_org_for
from dangjian.core.web import attach_errors, flash_errors, paginate

from .. import permissions, selectors
from ..conf import PublicitySettings
from ..forms import ChannelForm, ColumnForm, SpecialPageForm
from ..models import Channel, ChannelKind, SpecialPage
from ..services import channels as services
from .common import NAV


def _committee_root(request: HttpRequest):
    """The highest organization where the user is committee staff."""
    orgs = permissions.orgs_for(request.user, permissions.COMMITTEE)
    return orgs.order_by("depth", "path").first()


@login_required
@require_http_methods(["GET", "POST"])
def channel_list(request: HttpRequest) -> HttpResponse:
    permissions.require_page(request, "channels", Channel)
    form = ChannelForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        try:
            channel = services.channel_create(org=_committee_root(request), **form.cleaned_data)
        except ValidationError as e:
            attach_errors(form, e)
        else:
            messages.success(request, f"已新建渠道“{channel.name}”。")
            return redirect("publicity:channels")
    return render(
        request,
        "publicity/channels.html",
        {
            "nav": NAV,
            "tab": "channels",
            "channels": selectors.channels_for(user=request.user),
            "form": form,
            "column_form": ColumnForm(),
        },
    )


@login_required
@require_POST
def column_new(request: HttpRequest, pk: int) -> HttpResponse:
    permissions.require(request, permissions.COMMITTEE, Channel, "publicity:column_new")
    channel = scoping.get_visible_or_404(request, selectors.channels_for(user=request.user), pk=pk)
    form = ColumnForm(request.POST)
    if form.is_valid():
        try:
            column = services.column_create(channel=channel, **form.cleaned_data)
        except ValidationError as e:
            flash_errors(request, e)
        else:
            messages.success(request, f"已新建专栏“{column.name}”。")
    else:
        messages.error(request, "请填写专栏名称和网址标识（英文字母、数字、连字符）。")
    return redirect("publicity:channels")


@login_required
@require_GET
def special_page_list(request: HttpRequest) -> HttpResponse:
    permissions.require_page(request, "special_pages", SpecialPage)
    return render(
        request,
        "publicity/special_pages.html",
        {
            "nav": NAV,
            "tab": "special_pages",
            "page": paginate(
                request, selectors.special_pages_for(user=request.user), PublicitySettings.current().list_page_size
            ),
            "can_add": bool(permissions.paths(request.user, permissions.COMMITTEE)),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def special_page_new(request: HttpRequest) -> HttpResponse:
    permissions.require(request, permissions.COMMITTEE, SpecialPage, "publicity:special_page_new")
    channels = selectors.channels_for(user=request.user).filter(kind=ChannelKind.NEWSPAPER)
    form = SpecialPageForm(request.POST if request.method == "POST" else None, channels=channels)
    if form.is_bound and form.is_valid():
        d = form.cleaned_data
        try:
            services.special_page_create(by=request.user, org=d["channel"].org, **d)
        except ValidationError as e:
            attach_errors(form, e)
        else:
            messages.success(request, "已登记报纸专版。")
            return redirect("publicity:special_pages")
    return render(
        request,
        "publicity/special_page_form.html",
        {"nav": NAV, "tab": "special_pages", "form": form, "default_org": default_org_for(request.user)},
    )
