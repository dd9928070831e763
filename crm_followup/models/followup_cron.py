"""What every scheduled action of the addon shares.

Each cron is a thin `_cron_<what>(date_ref=None)` method: it finds its work through an overridable
method (a domain or a query, restricted to the companies that have the capability switched on,
res_company.py) and calls an ordinary method that buttons and tests call too. A cron whose work
comes in batches passes `commit=True` to that method, which calls `commit_batch` after each batch.
"""
import threading


def commit_batch(env):
    """Commit the work of a scheduled action done so far, between two of its batches: a run that is
    killed half-way keeps what it did, and the next run finishes the rest. Never in business methods
    called by a user (they pass commit=False), and never under tests (Odoo's and pytest-odoo's test
    mode marks the thread), whose transaction is rolled back as one."""
    if getattr(threading.currentThread(), "testing", False):
        return
    env.cr.commit()  # pylint: disable=invalid-commit
