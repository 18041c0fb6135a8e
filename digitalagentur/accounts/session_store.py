"""Django's database sessions, read with a statement written once (core/rawmodels.py).

Every signed-in request reads its session; the ORM would build that query anew each time.
Writing, expiry and everything else are Django's own.
"""

from __future__ import annotations

import functools

from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.db import connections, router
from django.utils import timezone


class SessionStore(DatabaseSessionStore):
    def load(self):
        data = self._session_data_from_db()
        if data is None:
            self._session_key = None  # as Django does for a missing or expired session
            return {}
        return self.decode(data)

    def _session_data_from_db(self) -> str | None:
        if not self.session_key:
            return None
        alias = router.db_for_read(self.model)
        connection = connections[alias]
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        with connection.cursor() as cursor:
            cursor.execute(_statement(self.model, alias), [self.session_key, now])
            row = cursor.fetchone()
        return row[0] if row is not None else None


@functools.cache
def _statement(model, alias: str) -> str:
    quote = connections[alias].ops.quote_name
    meta = model._meta
    data, key, expires = (
        quote(meta.get_field(name).column)
        for name in ("session_data", "session_key", "expire_date")
    )
    # Names from the model, values as parameters.
    return f"SELECT {data} FROM {quote(meta.db_table)} WHERE {key} = %s AND {expires} > %s"  # noqa: S608  # nosec B608
