"""The content version of a region: raised after every committed change of what it shows.

Cached pages, API answers and fragments carry the version of their region in their key
(core/pagecache.py). The version lives in the region's database row, which every request
reads anyway to find its region, so a change is seen at once by every process and every
server, whatever cache backend each one uses, and nothing has to be deleted from a cache.

Any saved or deleted row with a `region_id` (or a project's participation) marks its region;
after the transaction commits, each marked region's version is raised once with one UPDATE.
Writes that bypass model signals (QuerySet.update, bulk_create) call `mark_changed` themselves.

Raising the version only after the commit keeps the region's row unlocked while the
transaction runs (locking it at the first write could deadlock two transactions that write
the same rows in different order). Tests, whose transactions are rolled back instead of
committed, raise it at once (settings.test: DIGITALAGENTUR_CONTENT_VERSION_AT_ONCE).
"""

from __future__ import annotations

import logging
import threading

from django.conf import settings
from django.db import DatabaseError, transaction
from django.db.models import F
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone

# Models whose rows change nothing anyone sees on a page or is allowed to do: the change log
# (it accompanies a write that marks its region already), cached version comparisons (an
# anonymous request may store one), messages sent through the public forms, invitations and
# import files waiting for their confirmation, and the newsletter's list and deliveries (shown
# only in the staff area; an anonymous subscription must not empty the region's page cache).
IGNORED_MODELS = {
    "core.objectchange",
    "strategy.versiondiff",
    "legal.message",
    "legal.reply",
    "tenancy.invitation",
    "core.pendingupload",
    "funding.deadlinepreference",
    "funding.deadlinereminder",
    "communication.subscription",
    "communication.consentrecord",
    "communication.delivery",
}

_pending = threading.local()
logger = logging.getLogger(__name__)


def mark_changed(region_id: int | None, using: str = "default") -> None:
    """Raise the region's content version once the current transaction commits."""
    if region_id is None:
        return
    regions = getattr(_pending, "regions", None)
    if regions is None:
        regions = _pending.regions = set()
    regions.add(region_id)
    if getattr(settings, "DIGITALAGENTUR_CONTENT_VERSION_AT_ONCE", False):
        _flush(using)  # tests: their transaction never commits
    else:
        transaction.on_commit(lambda: _flush(using), using=using)


def _flush(using: str) -> None:
    regions = getattr(_pending, "regions", None)
    if not regions:
        return  # an earlier callback of the same transaction raised them already
    ids = sorted(regions)
    from .models import Region

    try:
        Region.objects.using(using).filter(pk__in=ids).update(
            content_version=F("content_version") + 1, content_changed=timezone.now()
        )
    except DatabaseError:
        # The change itself is committed: no error for its author. The regions stay marked
        # and are raised with the next commit of this thread; cached values meanwhile expire
        # (roles and the 2FA policy within a minute: tenancy/pagecache.py).
        logger.exception("Could not raise the content version of regions %s", ids)
        return
    regions.difference_update(ids)


def region_of(instance) -> int | None:
    """The region a row belongs to, without a query where the row says it."""
    label = instance._meta.label_lower
    if label in IGNORED_MODELS:
        return None
    if label == "tenancy.region":
        return instance.pk
    region_id = getattr(instance, "region_id", None)
    if region_id is not None:
        return region_id
    path = getattr(instance, "content_region_path", None)
    if path:
        return _region_along(instance, path)
    project_id = getattr(instance, "project_id", None)
    if project_id is not None:
        project = instance._state.fields_cache.get("project")
        if project is not None:
            return project.region_id
        from digitalagentur.portfolio.models import Project

        return Project.objects.filter(pk=project_id).values_list("region_id", flat=True).first()
    return None


def _region_along(instance, path: str) -> int | None:
    """The region at the end of `path` ("idea__region_id"): rows without a region of their
    own (a support, a jury score) name the way to it; the first step is a foreign key."""
    first, rest = path.split("__", 1)
    field = instance._meta.get_field(first)
    related_id = getattr(instance, field.attname)
    if related_id is None:
        return None
    rows = field.related_model._base_manager.filter(pk=related_id)
    return rows.values_list(rest, flat=True).first()


def _on_write(sender, instance, using="default", **kwargs):
    if kwargs.get("raw"):
        return  # fixtures: loaddata
    mark_changed(region_of(instance), using=using)


def _on_m2m(sender, instance, action, using="default", **kwargs):
    if action in ("post_add", "post_remove", "post_clear"):
        mark_changed(region_of(instance), using=using)


def connect() -> None:
    post_save.connect(_on_write, dispatch_uid="tenancy.content.save")
    post_delete.connect(_on_write, dispatch_uid="tenancy.content.delete")
    m2m_changed.connect(_on_m2m, dispatch_uid="tenancy.content.m2m")
