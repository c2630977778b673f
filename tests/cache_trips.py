"""How tests count the round trips a request makes to the cache: every call on the cache client,
whichever module makes it, counted once (a backend's get_many that loops over get is one)."""

import contextlib
import functools

from django.core.cache import caches

OPERATIONS = (
    "get", "get_many", "set", "set_many", "add", "incr", "decr", "delete", "delete_many",
    "touch", "has_key",
)  # fmt: skip


@contextlib.contextmanager
def counted_round_trips():
    """The names of the cache operations made inside the block, in order."""
    backend = caches["default"]
    calls, depth = [], [0]

    def wrap(name, original):
        @functools.wraps(original)
        def counted(*args, **kwargs):
            if not depth[0]:
                calls.append(name)
            depth[0] += 1
            try:
                return original(*args, **kwargs)
            finally:
                depth[0] -= 1

        return counted

    for name in OPERATIONS:
        setattr(backend, name, wrap(name, getattr(backend, name)))
    try:
        yield calls
    finally:
        for name in OPERATIONS:
            delattr(backend, name)
