"""staff/urls_workshops routes (issue 9)."""

urlpatterns = []
