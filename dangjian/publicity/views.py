from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


@login_required
def home(request: HttpRequest) -> HttpResponse:
    # Placeholder until the module is built; replaced by the module's own pages.
    return render(request, "core/no_role.html")
