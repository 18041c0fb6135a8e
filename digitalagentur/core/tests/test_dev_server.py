"""The development server of `make run` keeps many waiting connections (issue 11: 200
concurrent booking attempts must be answered, not reset)."""

from django.core.servers.basehttp import ThreadedWSGIServer, WSGIServer


def test_the_development_server_queues_many_connections():
    assert WSGIServer.request_queue_size >= 1024
    assert ThreadedWSGIServer.request_queue_size >= 1024
