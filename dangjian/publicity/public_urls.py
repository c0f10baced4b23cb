"""Public pages of the party-building website (no login)."""

app_name = "news"

urlpatterns: list = []
