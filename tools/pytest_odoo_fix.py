"""Fix for pytest-odoo 1.0.1 (the last release for Python 3.7).

Its `_find_manifest_path` returns "/__manifest__.py" for files outside any addon instead of
None, so collecting the end-to-end tests in tests/ crashes. Loaded with `-p` before collection.
"""
import pytest_odoo

_original = pytest_odoo._find_manifest_path


def _find_manifest_path(collection_path):
    path = _original(collection_path)
    return path if path.is_file() else None


pytest_odoo._find_manifest_path = _find_manifest_path
