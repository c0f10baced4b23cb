"""Routes of the roster import pages (filled in by the import work)."""

urlpatterns: list = []
