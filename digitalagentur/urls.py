from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from digitalagentur.accounts.urls import auth_urlpatterns

urlpatterns = [
    # Login (/anmelden/, with the 2FA step), logout (/abmelden/) and password reset.
    *auth_urlpatterns,
    path("konto/", include("digitalagentur.accounts.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    # The admin site's own login would skip the code step (and reset django-axes' count).
    path("admin/login/", RedirectView.as_view(pattern_name="login", query_string=True)),
    path("admin/", admin.site.urls),
    path("intern/", include("digitalagentur.staff.urls")),
    path("api/", include("digitalagentur.api.urls")),
    path("", include("digitalagentur.public.urls")),
]

# JSON under /api/, a German page elsewhere; 503 when the database cannot store anything.
handler500 = "digitalagentur.core.errors.server_error"
