"""public/urls_surveys routes (issue 9)."""

urlpatterns = []
