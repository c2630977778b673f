"""Uploaded files follow their rows: once a transaction is over, a file that no row holds any more
(its row deleted, its file replaced, or its save rolled back) is deleted, with its renditions.

- A file written by a save inside a transaction is kept when the transaction commits and deleted
  as soon as it rolls back. Django has a commit hook (transaction.on_commit) but no rollback hook;
  it drops the commit hooks of a transaction that rolls back, so the hook that would keep the file
  is an object that deletes it when it is dropped without having run.
- A file that a change may have left without a row (the row deleted, the file replaced) is noted,
  and after the commit each noted file is deleted unless a row of any model still names it. So a
  file is never deleted while a committed row points at it, whatever happened in between; a change
  that rolled back still names its file, which stays.

django-cleanup, the usual library, covers the second half only in part: it deletes replaced and
deleted files after the commit, but leaves the files of a save that rolled back, deletes without
asking whether another row still names the file, and takes the "old" name from when the instance
was built, which for a history revert is the old version, so the file it replaces stays on disk.

History rows (simple_history, SIMPLE_HISTORY_FILEFIELD_TO_CHARFIELD) keep file names as text and
do not hold a file: a replaced file goes although an old version names it. Reverting to such a
version keeps the current file rather than pointing the row at a file that is gone.
"""

import functools
import logging
import threading

from django.apps import apps
from django.core.signals import request_finished
from django.db import DatabaseError, connection, models, transaction
from django.db.models.signals import post_delete, post_save, pre_save

logger = logging.getLogger(__name__)

# One connection per thread, so the files noted by one thread's transactions are its own.
_local = threading.local()


def _state():
    if not hasattr(_local, "noted"):
        _local.noted = {}
        _local.generation = 0
    return _local


def note(field, name):
    """This file of this field may no longer be held by any row: check it when the transaction is
    over."""
    if name:
        _state().noted[(field, name)] = None


def forget():
    """Drop everything noted or waiting for a commit, unchecked (for tests: the transaction around
    a test never commits, and its files go with its temporary folder)."""
    state = _state()
    state.noted.clear()
    state.generation += 1


def delete_stored(field, name):
    remove = getattr(field, "delete_stored_file", None)
    if remove is not None:
        remove(name)
    else:
        field.storage.delete(name)


class _KeptOnCommit:
    """A file written inside a transaction: called on commit, it keeps the file; dropped unrun,
    because the transaction (or the savepoint) rolled back, it deletes it."""

    def __init__(self, field, name):
        self.field = field
        self.name = name
        self.generation = _state().generation
        self.kept = False

    def __call__(self):
        self.kept = True

    def __del__(self):
        try:
            if self.kept or self.generation != _state().generation:
                return
            if connection.in_atomic_block or not connection.autocommit:
                # Dropped by a rollback (Django restores autocommit only after it): no row can
                # name a file that was written for a row that never was.
                delete_stored(self.field, self.name)
            else:
                # Dropped after a commit, because an earlier commit hook failed: only the
                # database may say whether the file is held.
                note(self.field, self.name)
        except Exception:
            logger.exception("Không xóa được tệp %s của lần lưu bị hủy.", self.name)


def written(field, name):
    """A save has just written this file."""
    if connection.in_atomic_block:
        transaction.on_commit(_KeptOnCommit(field, name))
    else:
        # Without a transaction the row is saved after its file: the check waits for the
        # post_save hook (and a save that fails leaves the file to the next check).
        note(field, name)


class TrackedFieldFile:
    """A FieldFile mixin: a file written by a save is reported at once, before anything else of
    the save can fail, so that a rollback leaves no file behind."""

    def save(self, name, content, save=True):
        super().save(name, content, save=False)
        written(self.field, self.name)
        if save:
            self.instance.save()


@functools.cache
def file_fields():
    """(model, field) of every concrete model's file fields (history models have none: they
    keep the names as text)."""
    return tuple(
        (model, field)
        for model in apps.get_models()
        if not model._meta.proxy
        for field in model._meta.concrete_fields
        if isinstance(field, models.FileField)
    )


def is_held(name):
    """True when a row of any model names this file."""
    return any(
        model._base_manager.filter(**{field.attname: name}).exists()
        for model, field in file_fields()
    )


def delete_unheld():
    """Delete each noted file that no row holds. Only outside a transaction: inside one, a file
    written for a row not yet committed, or replaced by a change that may still roll back, would
    look unheld."""
    if connection.in_atomic_block:
        return
    noted = _state().noted
    while noted:
        (field, name), _ = noted.popitem()
        try:
            if is_held(name):
                continue
        except DatabaseError:
            # The database is away: check again at the next occasion rather than guess.
            noted[(field, name)] = None
            logger.exception("Không kiểm tra được tệp %s; sẽ kiểm tra lại sau.", name)
            return
        try:
            delete_stored(field, name)
        except Exception:
            # A file that cannot be deleted (a storage error) must not fail the request that
            # committed: it is logged and stays, unheld.
            logger.exception("Không xóa được tệp %s.", name)


# Signals --------------------------------------------------------------------------------------


def _fields_of(sender):
    return [field for field in sender._meta.concrete_fields if isinstance(field, models.FileField)]


def _remember_stored_names(sender, instance, raw=False, update_fields=None, **kwargs):
    """Before a change, the names the database holds now: the ones a new file replaces."""
    instance._files_stored = None
    if raw or instance.pk is None:
        return
    deferred = instance.get_deferred_fields()
    fields = [
        field
        for field in _fields_of(sender)
        if field.attname not in deferred and (update_fields is None or field.name in update_fields)
    ]
    if not fields:
        return
    stored = (
        sender._base_manager.filter(pk=instance.pk)
        .values(*[field.attname for field in fields])
        .first()
    )
    if stored is None:
        return
    instance._files_stored = stored
    for field in fields:
        current = getattr(instance, field.attname)
        before = stored[field.attname]
        if (
            current
            and current._committed
            and current.name != before
            and not current.storage.exists(current.name)
        ):
            # A revert to a version whose file was deleted when it was replaced: keep the file
            # the row has now rather than point it at nothing.
            logger.warning(
                "%s #%s: tệp %s không còn, giữ tệp hiện tại %s.",
                sender._meta.label,
                instance.pk,
                current.name,
                before,
            )
            setattr(instance, field.attname, before)


def _note_replaced(sender, instance, raw=False, **kwargs):
    stored = getattr(instance, "_files_stored", None)
    instance._files_stored = None
    if raw:
        return
    for field in _fields_of(sender):
        if stored and field.attname in stored:
            before = stored[field.attname] or ""
            if before != (getattr(instance, field.attname).name or ""):
                note(field, before)
    transaction.on_commit(delete_unheld)


def _note_deleted(sender, instance, **kwargs):
    deferred = instance.get_deferred_fields()
    for field in _fields_of(sender):
        if field.attname not in deferred:
            note(field, getattr(instance, field.attname).name)
    transaction.on_commit(delete_unheld)


def _after_request(**kwargs):
    # What a transaction that rolled back had noted ran no commit hook (its rows still name those
    # files, which stay), nor did a save that failed outside a transaction: checked here, so that
    # nothing noted outlives the request.
    if _state().noted:
        delete_unheld()


def connect():
    for model in {model for model, _ in file_fields()}:
        uid = f"files-{model._meta.label_lower}"
        pre_save.connect(_remember_stored_names, sender=model, dispatch_uid=uid)
        post_save.connect(_note_replaced, sender=model, dispatch_uid=uid)
        post_delete.connect(_note_deleted, sender=model, dispatch_uid=uid)
    request_finished.connect(_after_request, dispatch_uid="files-after-request")
