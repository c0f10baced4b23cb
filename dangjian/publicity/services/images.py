"""Images uploaded into an article: checked by content and size, stored, and placed in the body."""

from __future__ import annotations

import uuid
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html

from .. import errors, permissions
from ..models import Article, ArticleEvent, ArticleImage
from ..sanitize import check_image, clean_html
from .gate import event


def image_url(image: ArticleImage) -> str:
    return reverse("news:image", kwargs={"pk": image.pk})


@transaction.atomic
def image_add(*, article: Article, by: Any, data: bytes, name: str = "", alt: str = "") -> ArticleImage:
    """Store an image and append it to the article's body as a figure with ALT as its caption."""
    permissions.check_article_step(by, article, "image")
    alt = (alt or "").strip()[:120]
    if not alt:
        raise errors.AltRequired(field="alt")
    info = check_image(data, name)
    now = timezone.now()
    image = ArticleImage(
        article=article, content_type=info.content_type, size=info.size, sha256=info.sha256, alt=alt, uploaded_by=by
    )
    # The stored name comes from the content, never from the uploaded file name.
    image.file.save(f"{now:%Y%m%d}-{uuid.uuid4().hex}.{info.extension}", ContentFile(data), save=False)
    image.save()
    figure = format_html(
        '<figure><img src="{}" alt="{}"><figcaption>{}</figcaption></figure>', image_url(image), alt, alt
    )
    article.body = clean_html(f"{article.body}\n{figure}")
    article.save()
    event(article, ArticleEvent.Action.IMAGE, by, image=image.pk, alt=alt, bytes=info.size)
    return image
