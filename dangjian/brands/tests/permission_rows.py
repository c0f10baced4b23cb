"""Every brand route as each named user sees it (see dangjian.core.permission_matrix).

prepare() makes a plan in the committee with two batches: in the first, A02's
brand is recognized (on the public wall, with a revocation on notice); in the
second, under review with staff as a reviewer, A01's brand is submitted, with
evidence and a visit photo. Committee staff and the administrators of A and B
see the lists; a brand is seen by those over its organization; committee staff
decide; the wall and the certificate check are public.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from dangjian.core.permission_matrix import IN_A, STAFF_AND_ADMINS, api, page, row


def _media(case: Any) -> None:
    """Files go to a throwaway folder (unless another app's prepare() already pointed MEDIA_ROOT at one)."""
    import shutil
    import tempfile
    from pathlib import Path

    from django.conf import settings
    from django.test import override_settings

    if Path(settings.MEDIA_ROOT).resolve() == (Path(settings.VAR_DIR) / "media").resolve():
        folder = tempfile.mkdtemp(prefix="dangjian-brands-")
        override = override_settings(MEDIA_ROOT=folder)
        override.enable()
        case.addCleanup(shutil.rmtree, folder, True)
        case.addCleanup(override.disable)


def prepare(case: Any) -> dict[str, object]:
    from dangjian.brands import services
    from dangjian.brands.models import Plan, Stage

    from .helpers import TEXTS, pdf_upload, png

    _media(case)
    w = case.w
    today = timezone.localdate()
    plan = Plan.objects.create(
        committee=w.committee,
        name="三年行动计划",
        starts_on=dt.date(today.year - 1, 1, 1),
        ends_on=dt.date(today.year + 1, 12, 31),
    )
    stage = Stage.objects.create(
        plan=plan, kind="recognize", name="认定阶段", starts_on=plan.starts_on, ends_on=plan.ends_on
    )
    first = services.batch_create(stage=stage, name="第一批", year=today.year, submit_by=today)
    shown = services.brand_create(org=w.branch_a2, batch=first, texts=TEXTS, logo=png())
    services.brand_submit(brand=shown)
    services.batch_start_review(batch=first)
    services.batch_select(batch=first, brand_ids=[shown.pk], today=today - dt.timedelta(days=30))
    services.batch_recognize(batch=first, today=today)
    shown.refresh_from_db()
    reeval = services.reevaluation_decide(brand=shown, year=today.year, outcome="revoke", reasons="停止开展活动")
    second = services.batch_create(stage=stage, name="第二批", year=today.year, submit_by=today)
    brand = services.brand_create(org=w.branch_a1, batch=second, texts={**TEXTS, "name": "先锋驿站"}, logo=png())
    evidence = services.evidence_add(brand=brand, upload=pdf_upload())
    services.brand_submit(brand=brand)
    services.reviewer_add(batch=second, user=w.staff)
    services.batch_start_review(batch=second)
    visit = services.visit_record(brand=brand, visited_on=today, visitors="组织部", note="台账齐全", photos=[png()])
    return {
        "b_brand": brand.pk,
        "b_shown": shown.pk,
        "b_plan": plan.pk,
        "b_stage": stage.pk,
        "b_batch": second.pk,
        "b_evidence": evidence.pk,
        "b_photo": visit.photos.get().pk,
        "b_reeval": reeval.pk,
        "b_token": str(shown.verify_token),
    }


B = "/brands/{b_brand}"
ROWS = {
    "brands:home": page("/brands/", **STAFF_AND_ADMINS),
    "brands:brand_new": page("/brands/new/", **STAFF_AND_ADMINS),
    "brands:brand_detail": page(f"{B}/", **IN_A),
    "brands:brand_edit": page(f"{B}/edit/", **IN_A),
    # Refused by the service (already submitted, no comment …): the page answers with its message.
    "brands:brand_submit": page(f"{B}/submit/", method="POST", staff=302, admin_a=302),
    "brands:brand_return": page(f"{B}/return/", method="POST", staff=302),
    "brands:brand_logo": page(f"{B}/logo/", **IN_A),
    "brands:certificate": page("/brands/{b_shown}/certificate.pdf", **IN_A),
    "brands:evidence_add": page(f"{B}/evidence/", method="POST", staff=302, admin_a=302),
    "brands:version_detail": page(f"{B}/versions/1/", **IN_A),
    "brands:score": page(f"{B}/score/", staff=200),
    "brands:visit_new": page(f"{B}/visit/", staff=200),
    "brands:reevaluate": page("/brands/{b_shown}/reevaluate/", staff=200),
    "brands:evidence_file": page("/brands/evidence/{b_evidence}/", **IN_A),
    "brands:evidence_remove": page("/brands/evidence/{b_evidence}/remove/", method="POST", staff=302, admin_a=302),
    "brands:visit_photo": page("/brands/visit-photos/{b_photo}/", **IN_A),
    "brands:reeval_confirm": page("/brands/reevaluations/{b_reeval}/confirm/", method="POST", staff=302),
    "brands:reeval_withdraw": page("/brands/reevaluations/{b_reeval}/withdraw/", method="POST", staff=302),
    "brands:plans": page("/brands/plans/", **STAFF_AND_ADMINS),
    "brands:plan_new": page("/brands/plans/new/", staff=200),
    "brands:stage_new": page("/brands/plans/{b_plan}/stages/new/", staff=200),
    "brands:batch_new": page("/brands/stages/{b_stage}/batches/new/", staff=200),
    "brands:batch_detail": page("/brands/batches/{b_batch}/", **STAFF_AND_ADMINS),
    "brands:reviewer_add": page("/brands/batches/{b_batch}/reviewers/", method="POST", staff=302),
    "brands:batch_step": page("/brands/batches/{b_batch}/start/", method="POST", staff=302),
    "brands:exchanges": page("/brands/exchanges/", **STAFF_AND_ADMINS),
    "brands:exchange_new": page("/brands/exchanges/new/", staff=200),
    "brands:records_submitted": page("/brands/records/submitted/", **STAFF_AND_ADMINS),
    "brands:records_recognized": page("/brands/records/recognized/", **STAFF_AND_ADMINS),
    "brands:records_downgraded": page("/brands/records/downgraded/", **STAFF_AND_ADMINS),
    "brands:records_revoked": page("/brands/records/revoked/", **STAFF_AND_ADMINS),
    "brands:records_training": page("/brands/records/training/", **STAFF_AND_ADMINS),
    "brands:wall": row("/brands/wall/", others=200),
    "brands:wall_brand": row("/brands/wall/{b_shown}/", others=200),
    "brands:wall_logo": row("/brands/wall/{b_shown}/logo/", others=200),
    "brands:verify": row("/brands/verify/{b_token}/", others=200),
    "api-v1:brands_list": api("/api/v1/brands/", **STAFF_AND_ADMINS),
    "api-v1:brands_get": api("/api/v1/brands/{b_brand}", **IN_A),
    "api-v1:brands_ranking": api("/api/v1/brands/batches/{b_batch}/ranking", staff=200),
}
