"""Set-based SQL of the public pool: which owned customers a rule takes back, and the one
statement that moves customers (with their contacts) and writes their history rows.

Values always go in as query parameters; only these fixed fragments are concatenated."""
from collections import namedtuple

from .crm_lead import WON_LEAD_SQL

DueRule = namedtuple("DueRule", "key switch_field days_field base extra")

# Opportunities of a customer: those of the company and of its contacts.
_LEADS = "crm_lead l JOIN res_partner lp ON lp.id = l.partner_id WHERE lp.commercial_partner_id = p.id"

DUE_RULES = (
    # No follow-up for N days, counted from the later of the last follow-up and the date the
    # owner received the customer.
    DueRule("no_followup", "rule_no_followup", "no_followup_days",
            "COALESCE(GREATEST(p.last_followup_date, p.date_owner_received), p.create_date)", ""),
    # No new opportunity for N days (same counting).
    DueRule("no_opportunity", "rule_no_opportunity", "no_opportunity_days",
            "COALESCE(GREATEST((SELECT MAX(l.create_date) FROM " + _LEADS + "), p.date_owner_received),"
            " p.create_date)", ""),
    # Not won within N days of the owner receiving it.
    DueRule("not_won", "rule_not_won", "not_won_days",
            "COALESCE(p.date_owner_received, p.create_date)",
            "AND NOT EXISTS (SELECT 1 FROM " + _LEADS + " AND " + WON_LEAD_SQL +
            " AND l.date_closed >= COALESCE(p.date_owner_received, p.create_date))"),
)

_EXEMPT_OPEN = ("AND NOT EXISTS (SELECT 1 FROM " + _LEADS + " AND l.active AND l.type = 'opportunity'"
                " AND COALESCE(l.probability, 0) < 100)")
# also read by the holding cap, which may leave won customers out
EXEMPT_WON = "AND NOT EXISTS (SELECT 1 FROM " + _LEADS + " AND " + WON_LEAD_SQL + ")"


def due_sql(pool, rule, partner_ids=None):
    """SELECT id, user_id, base, due of the owned, unlocked, not exempt customers of `pool` for
    `rule`; the days come from the customer's grade line if the pool has one. The base date is
    never earlier than the moment the company last switched its public pool on
    (res.company.followup_pool_since): the days it was off count against nobody."""
    query = """
        SELECT p.id, p.user_id, base, base + make_interval(days => COALESCE(gr.{days}, %(days)s)) AS due
          FROM res_partner p
          LEFT JOIN crm_followup_pool_grade_rule gr ON gr.pool_id = %(pool_id)s AND gr.grade_id = p.grade_id
          CROSS JOIN LATERAL (SELECT GREATEST({base}, %(pool_since)s::timestamp) AS base) b
         WHERE p.active AND p.customer AND p.user_id IS NOT NULL AND p.id = p.commercial_partner_id
           AND NOT COALESCE(p.followup_locked, FALSE)
           AND (p.pool_id = %(pool_id)s {default_pool})
           {partners} {extra} {exempt_open} {exempt_won}
    """.format(
        days=rule.days_field, base=rule.base, extra=rule.extra,
        default_pool="OR (p.pool_id IS NULL AND p.company_id = %(company_id)s)" if pool.is_default else "",
        partners="AND p.id = ANY(%(partner_ids)s)" if partner_ids is not None else "",
        exempt_open=_EXEMPT_OPEN if pool.exempt_open_opportunities else "",
        exempt_won=EXEMPT_WON if pool.exempt_won else "")
    params = {"days": pool[rule.days_field], "pool_id": pool.id, "company_id": pool.company_id.id,
              "pool_since": pool.company_id.sudo().followup_pool_since or None,
              "partner_ids": list(partner_ids or [])}
    return query, params


# The moves of the public pool (crm.followup.pool.log action codes); "warning" is logged but moves nothing.
MOVE_ACTIONS = ("claim", "assign", "release", "takeback", "handover")


def move_sql(src):
    """The one statement that moves customers: gives each customer selected by `src` to
    %(move_to_user)s (NULL: back into a pool), moves its contact persons with it and writes one
    history row per customer; returns (customer id, former owner id) of those moved.

    `src` is a SELECT of (id, user_id) rows: the ids of commercial entities (customers, never a
    contact person) and the owner each is expected to have now. A customer whose owner changed in
    the meantime, or that is not a commercial entity, is left alone. Its parameters must not begin
    with "move_"; the statement's own are move_action, move_to_user, move_pool_id (NULL: the
    customer stays in its pool), move_rule, move_reason, move_now and move_uid (who did it, also the
    history row's create_uid: one foreign-key check less per row).

    The contact persons are the partners whose commercial entity is the customer: never a
    subsidiary (a child company is a commercial entity, a customer of its own with its own owner)
    nor that subsidiary's contacts."""
    return """
        WITH src AS (""" + src + """),
        moved AS (
            UPDATE res_partner p
               SET user_id = %(move_to_user)s,
                   previous_user_id = CASE WHEN %(move_to_user)s::int IS NULL THEN src.user_id
                                           ELSE p.previous_user_id END,
                   date_released = CASE WHEN %(move_to_user)s::int IS NULL THEN %(move_now)s::timestamp
                                        ELSE p.date_released END,
                   date_owner_received = CASE WHEN %(move_to_user)s::int IS NULL THEN NULL
                                              ELSE %(move_now)s::timestamp END,
                   pool_id = COALESCE(%(move_pool_id)s::int, p.pool_id),
                   write_uid = %(move_uid)s, write_date = %(move_now)s
              FROM src
             WHERE p.id = src.id AND p.user_id IS NOT DISTINCT FROM src.user_id
               AND p.commercial_partner_id = p.id
            RETURNING p.id, src.user_id AS from_user_id, p.pool_id, p.company_id
        ), contacts AS (
            UPDATE res_partner c
               SET user_id = %(move_to_user)s, pool_id = moved.pool_id,
                   write_uid = %(move_uid)s, write_date = %(move_now)s
              FROM moved
             WHERE c.commercial_partner_id = moved.id AND c.id <> moved.id
        )
        INSERT INTO crm_followup_pool_log (action, partner_id, from_user_id, to_user_id, pool_id, rule, reason,
                                           date, company_id, create_uid, create_date, write_date)
        SELECT %(move_action)s, m.id, m.from_user_id, %(move_to_user)s, m.pool_id, %(move_rule)s, %(move_reason)s,
               %(move_now)s, m.company_id, %(move_uid)s, %(move_now)s, %(move_now)s
          FROM moved m
        RETURNING partner_id, from_user_id
    """
