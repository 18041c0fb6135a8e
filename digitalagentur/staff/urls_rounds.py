"""staff/urls_rounds routes (issue 9)."""

urlpatterns = []
