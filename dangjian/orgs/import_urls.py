"""Routes of the organization import pages (filled in by the import work)."""

urlpatterns: list = []
