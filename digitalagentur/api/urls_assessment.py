"""api/urls_assessment routes (issue 9)."""

urlpatterns = []
