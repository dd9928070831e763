from odoo import _, api, fields, models

from . import followup_dates as dates
from .crm_followup_complaint_service_level import LATE_LINES_SQL
from .crm_followup_complaint_stage import OPEN_STATES

# Days ahead that the workbench looks at: take-backs and birthdays coming, customers received.
WORKBENCH_DAYS = 7
# Lines shown per section (the total is always given; the rest is one tap away in a list).
WORKBENCH_LINES = 50


class CrmFollowupWorkbench(models.AbstractModel):
    """The salesperson's workbench (今日工作台): what the current user has to do today, read in a
    few set-based queries, each through the method that the rule itself uses (the due cadence,
    the take-back rules, the claim limits, the birthday reminders, the pool history), so that the
    page never disagrees with the lists, the reminders or a refused claim."""

    _name = "crm.followup.workbench"
    _description = "Salesperson's Workbench"

    @api.model
    def get_data(self):
        """The sections of the current user's workbench, as plain values for the client action:
        dates formatted in the user's language and time zone, every line with the customer id."""
        user = self.env.user
        Partner = self.env["res.partner"]
        now = fields.Datetime.now()
        tz = dates.env_tz(self.env, user)
        today = dates.to_date(dates.local_date(now, tz))
        sections = {
            "due": self._due_followups(user, now, tz, today),
            "takeback": self._takeback_soon(user, now),
            "claims": self._claim_room(user),
            "birthdays": self._birthdays(user, today),
            "received": self._received(user, now),
            "complaints": self._open_complaints(user),
        }
        # one visibility check for every customer and contact named on the page
        ids = {line[key] for name in ("due", "takeback", "birthdays", "received")
               for line in sections[name]["lines"] for key in ("partner_id", "contact_id") if line.get(key)}
        visible = set(Partner.search([("id", "in", list(ids))]).ids) if ids else set()
        for name in ("due", "takeback", "birthdays", "received"):
            section = sections[name]
            kept = [line for line in section["lines"] if line["partner_id"] in visible
                    and (not line.get("contact_id") or line["contact_id"] in visible)]
            section["total"] -= len(section["lines"]) - len(kept)
            section["lines"] = kept
            if "ids" in section:
                section["ids"] = [pid for pid in section["ids"] if pid in visible or pid not in ids]
        sections.update(
            user=user.name,
            today=dates.format_date(self.env, today),
            days=WORKBENCH_DAYS,
        )
        return sections

    # ---- sections ---------------------------------------------------------------------------

    @api.model
    def _due_followups(self, user, now, tz, today):
        """Follow-ups due today or overdue: the customers whose planned next follow-up falls on or
        before today (in the user's time zone), and those due by their grade's cadence (the same
        query as the "Due for Follow-up" filter; in the companies with cadence reminders on), with
        the next step planned at their last follow-up and since when each is due; the longest
        waiting first."""
        tomorrow = dates.add_days(dates.local_day_start(now, tz), 1)
        cadence, params = self.env["res.partner"]._followup_due_query(
            now, user_id=user.id, with_since=True,
            company_ids=self.env["res.company"]._followup_companies_with("cadence").ids)
        self.env.cr.execute("""
            WITH cadence (id, since) AS (""" + cadence + """),
            planned AS (
                SELECT p.id, p.next_followup_date AS since
                  FROM res_partner p
                 WHERE p.user_id = %s AND p.active AND p.id = p.commercial_partner_id
                   AND p.next_followup_date < %s
            ), due AS (
                SELECT id, MIN(since) AS since, bool_or(planned) AS planned
                  FROM (SELECT id, since, FALSE AS planned FROM cadence
                        UNION ALL SELECT id, since, TRUE FROM planned) d
                 GROUP BY id
            )
            SELECT due.id, p.name, due.since, due.planned, g.code
              FROM due JOIN res_partner p ON p.id = due.id
              LEFT JOIN crm_followup_grade g ON g.id = p.grade_id
             ORDER BY due.since, due.id
        """, params + [user.id, tomorrow])
        rows = self.env.cr.fetchall()
        shown = rows[:WORKBENCH_LINES]
        next_steps = {}
        if shown:
            # the next step planned at each customer's last follow-up
            self.env.cr.execute("""
                SELECT DISTINCT ON (partner_id) partner_id, next_step FROM crm_followup_record
                 WHERE partner_id = ANY(%s) ORDER BY partner_id, date DESC, id DESC
            """, [[row[0] for row in shown]])
            next_steps = dict(self.env.cr.fetchall())
        lines = []
        for partner_id, name, since, planned, grade in shown:
            day = dates.to_date(dates.local_date(since, tz))
            lines.append({
                "partner_id": partner_id, "name": name, "grade": grade or "",
                "next_step": next_steps.get(partner_id) or "",
                "reason": _("Planned") if planned else _("Cadence"),
                "since": dates.format_date(self.env, day),
                "overdue_days": (today - day).days,
            })
        return {"lines": lines, "total": len(rows), "ids": [row[0] for row in rows]}

    @api.model
    def _takeback_soon(self, user, now):
        """Customers that the public pool's rules take back within WORKBENCH_DAYS days (the
        rules' own query; the same customers as the filter "Taken Back within 7 Days", whose days
        to take-back count whole days), with the days left and the rule; soonest first."""
        Partner = self.env["res.partner"]
        self.env.cr.execute("SELECT id FROM res_partner WHERE user_id = %s AND active AND id = commercial_partner_id",
                            [user.id])
        mine = [row[0] for row in self.env.cr.fetchall()]
        due = Partner._followup_due_rules(now, dates.add_days(now, WORKBENCH_DAYS + 1), mine) if mine else {}
        rules = dict(self.env["crm.followup.pool.log"]._fields["rule"]._description_selection(self.env))
        soonest = sorted(due.items(), key=lambda item: (item[1][0], item[0]))[:WORKBENCH_LINES]
        names = {p.id: p.name for p in Partner.sudo().browse([pid for pid, _due in soonest])}
        lines = [{
            "partner_id": pid, "name": names[pid],
            "days_left": max(0, dates.days_between(now, date)),
            "rule": _("%(rule)s for %(days)d days") % {"rule": rules.get(rule, rule),
                                                       "days": dates.days_between(base, date)},
            "date": dates.format_date(self.env, dates.local_date(date, dates.env_tz(self.env, user))),
        } for pid, (date, rule, base) in soonest]
        return {"lines": lines, "total": len(due), "ids": sorted(due)}

    @api.model
    def _claim_room(self, user):
        """Per public pool the user may claim from: today's claims left under the daily limit and
        the room left under the holding cap, counted as the claim itself counts them."""
        Partner = self.env["res.partner"]
        if not user.company_id._followup_enabled("pool"):
            return {"lines": [], "total": 0}
        pools = self.env["crm.followup.pool"].sudo().search([("company_id", "=", user.company_id.id)])
        pools = pools.filtered(lambda pool: pool._is_member(user))
        claimed = Partner._followup_claims_today(user) if pools else 0
        held = {}
        lines = []
        for pool in pools:
            if pool.cap_excludes_won not in held:
                held[pool.cap_excludes_won] = Partner._followup_held_count(user, pool)
            lines.append({
                "pool_id": pool.id, "pool": pool.name,
                "claimed_today": claimed, "daily_limit": pool.daily_claim_limit,
                "claims_left": max(0, pool.daily_claim_limit - claimed) if pool.daily_claim_limit else None,
                "held": held[pool.cap_excludes_won], "holding_cap": pool.holding_cap,
                "cap_left": max(0, pool.holding_cap - held[pool.cap_excludes_won]) if pool.holding_cap else None,
            })
        return {"lines": lines, "total": len(lines)}

    @api.model
    def _birthdays(self, user, today):
        """Birthdays of the contacts of the user's customers (and of individual customers) in the
        coming WORKBENCH_DAYS days, today included, found as the birthday reminders find them (in
        the companies with birthday reminders on)."""
        rows = self.env["res.partner"]._followup_birthdays(
            today, WORKBENCH_DAYS - 1, user_id=user.id,
            company_ids=self.env["res.company"]._followup_companies_with("birthday").ids)
        rows = sorted((row for row in rows if (row[1] - today).days < WORKBENCH_DAYS), key=lambda r: (r[1], r[0]))
        people = self.env["res.partner"].sudo().browse({row[0] for row in rows} | {row[3] for row in rows})
        names = {p.id: p.name for p in people}
        lines = [{
            "partner_id": customer_id, "contact_id": contact_id if contact_id != customer_id else False,
            "name": names[customer_id], "contact": names[contact_id],
            "day": dates.format_date(self.env, occurrence), "days_until": (occurrence - today).days,
        } for contact_id, occurrence, _year, customer_id, _user, _days in rows[:WORKBENCH_LINES]]
        return {"lines": lines, "total": len(rows)}

    @api.model
    def _received(self, user, now):
        """Customers the user received in the last WORKBENCH_DAYS days (claimed, assigned or
        handed over, from the pool history) and still owns; the newest first."""
        self.env.cr.execute("""
            SELECT l.partner_id, p.name, l.action, l.date, fu.name, COUNT(*) OVER ()
              FROM crm_followup_pool_log l
              JOIN res_partner p ON p.id = l.partner_id
              LEFT JOIN res_users u ON u.id = l.from_user_id
              LEFT JOIN res_partner fu ON fu.id = u.partner_id
             WHERE l.to_user_id = %s AND l.action IN ('claim', 'assign', 'handover') AND l.date >= %s
               AND p.user_id = %s AND p.active
               AND l.id = (SELECT MAX(l2.id) FROM crm_followup_pool_log l2
                            WHERE l2.partner_id = l.partner_id AND l2.to_user_id = %s)
             ORDER BY l.date DESC, l.id DESC
             LIMIT %s
        """, [user.id, dates.add_days(now, -WORKBENCH_DAYS), user.id, user.id, WORKBENCH_LINES])
        rows = self.env.cr.fetchall()
        actions = dict(self.env["crm.followup.pool.log"]._fields["action"]._description_selection(self.env))
        lines = [{
            "partner_id": partner_id, "name": name, "how": actions[action], "from_user": from_user or "",
            "date": dates.format_datetime(self.env, date),
        } for partner_id, name, action, date, from_user, _total in rows]
        return {"lines": lines, "total": rows[0][5] if rows else 0}

    @api.model
    def _open_complaints(self, user):
        """The open complaints of the user's customers and those assigned to the user, as the
        complaint's record rules let them see them (in the companies with complaints on); the
        late first, then the oldest, each with its customer, stage, assignee and whether a service level of it is
        late now (the "Late" search's query). One query for the lines and their total, whatever
        the number of complaints."""
        Complaint = self.env["crm.followup.complaint"]
        companies = self.env["res.company"]._followup_companies_with("complaint").ids
        visible = Complaint._where_calc([("state", "in", OPEN_STATES)])
        Complaint._apply_ir_rules(visible, "read")
        from_clause, where_clause, params = visible.get_sql()
        self.env.cr.execute("""
            WITH visible AS (SELECT "crm_followup_complaint_ticket".id FROM """ + from_clause + """
                              WHERE """ + (where_clause or "TRUE") + """)
            SELECT c.id, c.name, c.subject, c.partner_id, p.name, c.stage_id, c.user_id, up.name,
                   c.date_registered, c.severity, c.id IN (""" + LATE_LINES_SQL + """) AS late, COUNT(*) OVER ()
              FROM visible
              JOIN crm_followup_complaint_ticket c ON c.id = visible.id
              JOIN res_partner p ON p.id = c.partner_id
              LEFT JOIN res_users u ON u.id = c.user_id
              LEFT JOIN res_partner up ON up.id = u.partner_id
             WHERE (p.user_id = %s OR c.user_id = %s) AND c.company_id = ANY(%s)
             ORDER BY late DESC, c.date_registered, c.id
             LIMIT %s
        """, params + [fields.Datetime.now(), user.id, user.id, companies, WORKBENCH_LINES])
        rows = self.env.cr.fetchall()
        stages = dict(self.env["crm.followup.complaint.stage"].sudo().browse({row[5] for row in rows}).name_get())
        severities = dict(Complaint._fields["severity"]._description_selection(self.env))
        lines = [{
            "complaint_id": complaint_id, "number": number, "subject": subject,
            "partner_id": partner_id, "name": customer, "stage": stages.get(stage_id, ""),
            "assignee": assignee or "", "mine": assignee_id == user.id,
            "severity": severity, "severity_label": severities.get(severity, ""),
            "received": dates.format_datetime(self.env, received), "late": late,
        } for (complaint_id, number, subject, partner_id, customer, stage_id, assignee_id, assignee, received,
               severity, late, _total) in rows]
        return {"lines": lines, "total": rows[0][11] if rows else 0, "model": "crm.followup.complaint",
                "domain": [("state", "in", OPEN_STATES), ("company_id", "in", companies),
                           "|", ("partner_id.user_id", "=", user.id), ("user_id", "=", user.id)]}
