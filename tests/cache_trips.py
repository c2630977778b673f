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


def list_memo_calls(monkeypatch, names=("get", "get_many", "set", "set_many")):
    """The calls the site makes to the cache for a list's facts (core.listmemo: keys with
    ":list:"), as (operation, number of keys), in order; the memory cache's own inner calls (its
    get_many calls get, its set_many set) are not counted."""
    from django.core.cache import cache

    calls, inside = [], []
    for name in names:
        original = getattr(cache, name)

        def spy(*args, _name=name, _original=original, **kwargs):
            keys = list(args[0]) if _name.endswith("_many") else [args[0]]
            if not inside and any(":list:" in key for key in keys):
                calls.append((_name, len(keys)))
            inside.append(_name)
            try:
                return _original(*args, **kwargs)
            finally:
                inside.pop()

        monkeypatch.setattr(cache, name, spy)
    return calls
