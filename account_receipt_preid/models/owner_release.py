# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Context values that let a document's own methods change what it owns (its journal
entry, its state).

A context is caller-controlled: an RPC caller may put any JSON value in it. The value
set here is an :class:`OwnerRelease`, a ``frozenset`` subclass that JSON cannot produce,
so a key holding one can only come from server code (the receipt's Confirm / Reset to
Draft / Cancel, the invoice's Reset to Draft) and never from a client asking to bypass
the guards."""

#: account.move ids whose receipt or invoice is removing them through its own method
RELEASE_ENTRIES = "account_receipt_preid_release_entries"
#: account.receipt ids whose own action (Confirm, Reset to Draft, Cancel) changes their
#: state and entry
RELEASE_RECEIPTS = "account_receipt_preid_release_receipts"


class OwnerRelease(frozenset):
    """Ids released by their owner's own method (a type no RPC payload can build)."""

    __slots__ = ()


def released_ids(env, key):
    """Ids released under ``key`` in ``env``'s context; an empty set for anything that
    is not an :class:`OwnerRelease` (e.g. a list sent over RPC)."""
    value = env.context.get(key)
    return value if isinstance(value, OwnerRelease) else OwnerRelease()


def release(records, key):
    """``records`` with their ids added to the :class:`OwnerRelease` under ``key`` in
    the context."""
    ids = {record_id for record_id in records.ids if isinstance(record_id, int)}
    return records.with_context(
        **{key: OwnerRelease(released_ids(records.env, key) | ids)}
    )
