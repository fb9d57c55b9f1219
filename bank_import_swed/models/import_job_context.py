# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The background job's pass through the lock of its receipt.

A context is caller-controlled: an RPC caller may put any JSON value in it, e.g. the id
of the job locking a receipt (job ids can be read). The job therefore runs with an
:class:`ImportJobId`, an ``int`` subclass that JSON cannot produce, so that only the job
itself (server code) passes the lock, never a client forging the context."""

#: context key holding the :class:`ImportJobId` of the running background job
JOB_KEY = "bank_import_job_id"


class ImportJobId(int):
    """Id of the background job running in this context (no RPC payload builds it)."""

    __slots__ = ()


def job_context(job):
    """Context values under which ``job`` (one record) works on its receipt."""
    return {JOB_KEY: ImportJobId(job.id)}


def running_job_id(env):
    """Id of the background job ``env`` runs for, else ``None`` (a forged value too)."""
    value = env.context.get(JOB_KEY)
    return int(value) if isinstance(value, ImportJobId) else None
