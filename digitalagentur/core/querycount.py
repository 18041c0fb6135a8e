"""SQL queries per request in a response header, for the benchmark (`make bench`) only.

Inert unless the environment variable DIGITALAGENTUR_BENCH_QUERY_HEADER is "1" when the
process starts: Django then drops the middleware from the chain (MiddlewareNotUsed), so
production pays nothing for it. Enabled, every response carries `X-DB-Queries: <n>`, the
number of SQL statements the request ran on the default database. It must be the first
entry of MIDDLEWARE so that sessions, authentication and a response cache are counted (a
cached response then honestly reports the queries of the cache hit, not of the original).
"""

from __future__ import annotations

import os

from django.core.exceptions import MiddlewareNotUsed
from django.db import connection

ENV_VARIABLE = "DIGITALAGENTUR_BENCH_QUERY_HEADER"
HEADER = "X-DB-Queries"


def enabled() -> bool:
    return os.environ.get(ENV_VARIABLE, "") == "1"


class QueryCountMiddleware:
    def __init__(self, get_response):
        if not enabled():
            raise MiddlewareNotUsed
        self.get_response = get_response

    def __call__(self, request):
        count = 0

        def counter(execute, sql, params, many, context):
            nonlocal count
            count += 1
            return execute(sql, params, many, context)

        with connection.execute_wrapper(counter):
            response = self.get_response(request)
        response.headers[HEADER] = str(count)
        return response
