"""Study materials of a session: uploading (type and size checked) and downloading within scope."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from dangjian.accounts.http import AuthedRequest
from dangjian.core import scoping

from ..models import SessionMaterial
from ..selectors import central_group as cg
from ..services import central_group as services
from .common import error_text, require_manages


@login_required
@require_POST
def material_upload(request: AuthedRequest, pk: int) -> HttpResponse:
    session, _ = cg.session_visible_or_404(request, pk)
    require_manages(request, session, session.org)
    try:
        material = services.material_add(session=session, uploaded=request.FILES.get("file"), by=request.user)
    except ValidationError as e:
        messages.error(request, error_text(e))
    else:
        messages.success(request, f"已上传学习材料：{material.name}。")
    return redirect("study:session_detail", pk=session.pk)


@login_required
def material_download(request: AuthedRequest, pk: int) -> HttpResponseBase:
    """A material, to those who may see its session (managers, those invited, observers)."""
    material = SessionMaterial.objects.filter(pk=pk).select_related("session").first()
    if material is None:
        raise scoping.deny(request, SessionMaterial, {"pk": pk}, exists=False)
    if not cg.sessions_visible_to(request.user).filter(pk=material.session_id).exists():
        raise scoping.deny(request, SessionMaterial, {"pk": pk}, exists=True, org=material.session.org_id)
    return FileResponse(
        material.file.open("rb"), as_attachment=True, filename=material.name, content_type=material.content_type or None
    )
