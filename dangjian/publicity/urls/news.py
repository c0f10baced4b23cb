"""Public pages of the party-building website (no login), under /news/."""

from django.urls import path

from ..views import public

app_name = "news"

urlpatterns = [
    path("", public.index, name="index"),
    path("rss.xml", public.feed, name="feed"),
    path("a/<int:pk>/", public.article, name="article"),
    path("a/<int:pk>/wechat.html", public.article_wechat, name="article_wechat"),
    path("images/<int:pk>/", public.image, name="image"),
    path("c/<slug:slug>/", public.channel, name="channel"),
    path("c/<slug:slug>/<slug:column>/", public.column, name="column"),
]
