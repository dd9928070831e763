"""Saved-search domains (标签搜索): evaluated when the search runs, checked when it is saved.

A saved search keeps its domain as the unevaluated Python expression the search view's filters
are written in, e.g. ``[('date', '>=', context_today().strftime('%Y-%m-01'))]``: the web client
evaluates it with the same names (``context_today``, ``relativedelta``, ``datetime``, ``time``,
``uid``) each time the search runs, and `eval_domain` does the same on the server for the
workbench's counts. So "this month" stays this month instead of the month the search was saved.
"""
import datetime
import time

from dateutil.relativedelta import relativedelta

from odoo.osv import expression
from odoo.tools.safe_eval import safe_eval

DOMAIN_OPERATORS = (expression.NOT_OPERATOR, expression.OR_OPERATOR, expression.AND_OPERATOR)
# Odoo 11 accepts raw SQL in a domain through these: never in a saved search
UNSAFE_OPERATORS = ("inselect", "not inselect")


class DomainError(ValueError):
    """A saved domain that cannot run: the message says what is wrong with it."""


def eval_context(today, uid):
    """The names a saved domain may use, as the web client's pyeval offers them; `today` is the
    user's local date (a datetime.date)."""
    return {
        "context_today": lambda: today,
        "current_date": today.strftime("%Y-%m-%d"),
        "relativedelta": relativedelta,
        "datetime": datetime,
        "time": time,
        "uid": uid,
    }


def eval_domain(text, today, uid):
    """The domain (a list) of the expression `text` today, through safe_eval (no imports, no
    dunder access, no statements). Raises DomainError if it does not evaluate to a list."""
    try:
        domain = safe_eval(text or "[]", eval_context(today, uid))
    except Exception as error:  # safe_eval raises ValueError, NameError, SyntaxError, TypeError...
        raise DomainError(str(error))
    if not isinstance(domain, (list, tuple)):
        raise DomainError("not a list of conditions")
    return list(domain)


def check_domain(model, domain):
    """Raise DomainError unless every condition of `domain` is well formed on `model` (a
    recordset): a known operator, a path of existing fields, each '&', '|', '!' with its operands."""
    operands = 0  # read from the end, as a prefix ('Polish') expression is evaluated
    for term in reversed(domain):
        if term in DOMAIN_OPERATORS:
            needed = 1 if term == expression.NOT_OPERATOR else 2
            if operands < needed:
                raise DomainError("%r lacks a condition" % (term,))
            operands -= needed - 1
            continue
        operands += 1
        if not isinstance(term, (list, tuple)) or len(term) != 3:
            raise DomainError("%r is not a condition (field, operator, value)" % (term,))
        if tuple(term) in (expression.TRUE_LEAF, expression.FALSE_LEAF):
            continue
        operator = term[1]
        if not isinstance(operator, str) or operator.lower() not in expression.TERM_OPERATORS:
            raise DomainError("unknown operator %r" % (operator,))
        if operator.lower() in UNSAFE_OPERATORS:
            raise DomainError("the operator %r is not allowed" % (operator,))
        check_field_path(model, term[0])


def check_field_path(model, path):
    """Raise DomainError unless `path` ('grade_id.code') names fields that exist, from `model`."""
    if not isinstance(path, str) or not path:
        raise DomainError("%r is not a field name" % (path,))
    current = model
    names = path.split(".")
    for position, name in enumerate(names):
        field = current._fields.get(name)
        if field is None:
            raise DomainError("%s has no field %s" % (current._name, name))
        if position < len(names) - 1:
            if not field.relational:
                raise DomainError("%s.%s is not a relation" % (current._name, name))
            current = current.env[field.comodel_name]
