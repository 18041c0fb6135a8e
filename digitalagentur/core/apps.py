from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "digitalagentur.core"
    label = "core"

    def ready(self):
        from django.core import checks
        from django.core.servers import basehttp

        # The development server (`make run`) queues only 10 waiting connections and resets
        # the rest: many clients at once (e.g. 200 concurrent booking attempts) would see
        # dropped connections instead of answers. Production servers (gunicorn) have their
        # own backlog (2048).
        basehttp.WSGIServer.request_queue_size = 1024

        from .checks import static_files_collected

        checks.register(static_files_collected)
