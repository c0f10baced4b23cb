from django.urls import path

from .views import board, screens

app_name = "dashboard"

urlpatterns = [
    path("", board.board, name="board"),
    path("export/", board.export, name="export"),
    path("screens/", screens.screens, name="screens"),
    path("screens/<int:pk>/revoke/", screens.screen_revoke, name="screen_revoke"),
    path("screen/<str:token>/", screens.screen, name="screen"),
    path("screen/<str:token>/data/", screens.screen_data, name="screen_data"),
]
