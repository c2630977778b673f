"""The benchmark: generate rows, serve them with gunicorn, load them with wrk, write the report."""
