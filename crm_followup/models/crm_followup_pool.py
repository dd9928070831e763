import logging

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from . import followup_dates as dates
from .crm_followup_pool_sql import DUE_RULES, due_sql
from .crm_followup_reminder import Reminder
from .followup_cron import commit_batch

_logger = logging.getLogger(__name__)

TAKEBACK_BATCH = 20000  # ids per slice of the take-back


class CrmFollowupPool(models.Model):
    """Public customer pool (公海): customers without an owner, the rules that take neglected
    customers back into it, and the limits on claiming them."""

    _name = "crm.followup.pool"
    _description = "Public Customer Pool"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.user.company_id)
    is_default = fields.Boolean(
        string="Default Pool",
        help="Customers of this company that belong to no pool return to this one, and its rules apply to them.")
    admin_ids = fields.Many2many(
        "res.users", "crm_followup_pool_admin_rel", "pool_id", "user_id", string="Administrators",
        help="Administrators assign this pool's customers and see every customer of the company.")
    member_user_ids = fields.Many2many(
        "res.users", "crm_followup_pool_member_rel", "pool_id", "user_id", string="Members",
        help="Salespeople who see this pool's customers and may claim them.")
    member_team_ids = fields.Many2many(
        "crm.team", "crm_followup_pool_team_rel", "pool_id", "team_id", string="Member Teams",
        help="Every member of these sales teams is a member of the pool.")

    takeback_active = fields.Boolean(
        string="Automatic Take-back",
        help="The daily scheduled action takes back the customers that the rules switched on find.")
    rule_no_followup = fields.Boolean(string="No Follow-up Rule", default=True)
    no_followup_days = fields.Integer(
        string="No Follow-up for (days)", default=30,
        help="Counted from the later of the last follow-up and the date the owner received the customer.")
    rule_no_opportunity = fields.Boolean(string="No New Opportunity Rule")
    no_opportunity_days = fields.Integer(
        string="No New Opportunity for (days)", default=60,
        help="Counted from the later of the last new opportunity and the date the owner received the customer.")
    rule_not_won = fields.Boolean(string="Not Won Rule")
    not_won_days = fields.Integer(
        string="Not Won within (days)", default=90,
        help="Counted from the date the owner received the customer.")
    exempt_open_opportunities = fields.Boolean(
        string="Exempt Customers with Open Opportunities", default=True)
    exempt_won = fields.Boolean(string="Exempt Won Customers", default=True)
    warning_days = fields.Integer(
        string="Warn (days before)", default=3,
        help="The owner gets a reminder this many days before the customer is taken back (0: no warning).")
    reclaim_block_days = fields.Integer(
        string="Re-claim Block (days)", default=7,
        help="The previous owner may not claim the customer again within this many days.")
    daily_claim_limit = fields.Integer(
        string="Daily Claim Limit", default=10, help="Customers a salesperson may claim per day (0: no limit).")
    holding_cap = fields.Integer(
        string="Holding Cap", default=200, help="Customers a salesperson may own at most (0: no cap).")
    cap_excludes_won = fields.Boolean(
        string="Won Customers Do Not Count", default=True,
        help="Customers with a won opportunity do not count towards the holding cap.")
    grade_rule_ids = fields.One2many("crm.followup.pool.grade.rule", "pool_id", string="Days per Grade", copy=True)
    customer_count = fields.Integer(compute="_compute_customer_count", string="Customers in Pool")
    preview_count = fields.Integer(
        compute="_compute_preview_count", string="Would Be Taken Back Now",
        help="How many customers the rules switched on would take back if they ran now.")

    def _compute_customer_count(self):
        data = self.env["res.partner"].sudo().read_group(
            [("pool_id", "in", self.ids), ("user_id", "=", False), ("is_followup_customer", "=", True)],
            ["pool_id"], ["pool_id"])
        counts = {d["pool_id"][0]: d["pool_id_count"] for d in data}
        for pool in self:
            pool.customer_count = counts.get(pool.id, 0)

    def _compute_preview_count(self):
        now = fields.Datetime.now()
        for pool in self:
            pool.preview_count = len(pool._due_rows(now)) if isinstance(pool.id, int) else 0

    @api.constrains("no_followup_days", "no_opportunity_days", "not_won_days", "warning_days",
                    "reclaim_block_days", "daily_claim_limit", "holding_cap", "grade_rule_ids")
    def _check_rules(self):
        for pool in self:
            for rule in DUE_RULES:
                if pool[rule.days_field] <= 0:
                    raise ValidationError(_("The days of the rule \"%s\" must be at least one day.")
                                          % pool._fields[rule.days_field].get_description(self.env)["string"])
            for name in ("warning_days", "reclaim_block_days", "daily_claim_limit", "holding_cap"):
                if pool[name] < 0:
                    raise ValidationError(_("\"%s\" cannot be negative.")
                                          % pool._fields[name].get_description(self.env)["string"])
            if pool.warning_days:
                for days in pool._active_rule_days():
                    if pool.warning_days >= days:
                        raise ValidationError(
                            _("The warning (%(warning)d days) must come before the take-back (%(days)d days).")
                            % {"warning": pool.warning_days, "days": days})

    def _active_rule_days(self):
        """Every take-back period in days of the rules switched on, grade overrides included."""
        self.ensure_one()
        days = []
        for rule in DUE_RULES:
            if self[rule.switch_field]:
                days.append(self[rule.days_field])
                days.extend(self.grade_rule_ids.mapped(rule.days_field))
        return days

    @api.model
    def create(self, vals):
        self.env["ir.rule"].clear_caches()  # who sees which customer depends on pool membership
        pool = super(CrmFollowupPool, self).create(vals)
        if pool.is_default:
            self.env["res.partner"]._followup_adopt_unpooled(everywhere=True)
        return pool

    def write(self, vals):
        self.env["ir.rule"].clear_caches()
        result = super(CrmFollowupPool, self).write(vals)
        if {"is_default", "company_id", "active"} & set(vals):
            self.env["res.partner"]._followup_adopt_unpooled(everywhere=True)  # a company's customers without a pool
        return result

    def unlink(self):
        self.env["ir.rule"].clear_caches()
        return super(CrmFollowupPool, self).unlink()

    # ---- actions -------------------------------------------------------------------------

    def action_view_customers(self):
        self.ensure_one()
        action = self.env.ref("crm_followup.crm_followup_pool_customer_action").read()[0]
        action["domain"] = [("pool_id", "=", self.id), ("user_id", "=", False), ("is_followup_customer", "=", True)]
        return action

    def action_preview(self):
        """The customers that the rules switched on would take back now (to tune a rule before
        switching automatic take-back on)."""
        self.ensure_one()
        ids = [row[0] for row in self._due_rows(fields.Datetime.now())]
        return {
            "type": "ir.actions.act_window",
            "name": _("Would be taken back into %s") % self.name,
            "res_model": "res.partner",
            "view_mode": "tree,form",
            "views": [(self.env.ref("crm_followup.crm_followup_view_partner_tree").id, "tree"), (False, "form")],
            "domain": [("id", "in", ids)],
            "context": {"create": False},
        }

    # ---- membership ----------------------------------------------------------------------

    def _is_member(self, user):
        self.ensure_one()
        return user in self.sudo().member_user_ids or bool(self.sudo().member_team_ids & user.sale_team_id)

    def _is_admin(self, user):
        self.ensure_one()
        return user in self.sudo().admin_ids

    @api.model
    def _default_pool(self, company):
        return self.sudo().search([("company_id", "=", company.id), ("is_default", "=", True)], limit=1)

    @api.model
    def _ensure_default_pools(self):
        """A default pool for every company that has none (its sales teams as members, no automatic
        take-back until a manager switches it on), then every customer with neither owner nor pool
        into its company's default pool. Run on install."""
        for company in self.env["res.company"].sudo().search([]):
            self._create_default_pool(company)
        return self.env["res.partner"]._followup_adopt_unpooled(everywhere=True)

    @api.model
    def _create_default_pool(self, company):
        """The default pool of `company` if it has none yet: its sales teams as members, no
        automatic take-back until a manager switches it on. On install for every company, and for
        each company created afterwards."""
        if self._default_pool(company):
            return self.browse()
        teams = self.env["crm.team"].sudo().search([("company_id", "=", company.id)])
        return self.sudo().create({"name": _("Public Pool"), "company_id": company.id, "is_default": True,
                                   "member_team_ids": [(6, 0, teams.ids)]})

    # ---- take-back -------------------------------------------------------------------------

    def _due_rows(self, date_ref, horizon=None, partner_ids=None, rules=None):
        """(partner id, owner id, rule, base date, due date) of the owned customers of these pools
        that the rules switched on take back by `horizon` (default: `date_ref`), one query per rule."""
        rows = []
        for pool in self:
            for rule in pool._rules():
                if rules and rule not in rules:
                    continue
                query, params = due_sql(pool, rule, partner_ids=partner_ids)
                params["horizon"] = horizon or date_ref
                self.env.cr.execute(
                    "SELECT id, user_id, %(rule)s, base, due FROM (" + query + ") d WHERE d.due <= %(horizon)s"
                    " ORDER BY d.due, d.id", dict(params, rule=rule.key))
                rows.extend(self.env.cr.fetchall())
        return rows

    @api.model
    def _cron_takeback(self, date_ref=None):
        """Daily: take back and warn in the pools found by _takeback_domain."""
        pools = self.sudo().search(self._takeback_domain())
        pools._takeback(date_ref or fields.Datetime.now(), commit=True)
        return True

    @api.model
    def _takeback_domain(self):
        """The pools whose rules the scheduled action applies: automatic take-back on, in a company
        whose public pool is switched on."""
        return [("takeback_active", "=", True),
                ("company_id", "in", self.env["res.company"]._followup_companies_with("pool").ids)]

    def _takeback(self, date_ref, commit=False, batch=TAKEBACK_BATCH):
        """Take back the due customers of these pools and warn the owners of the customers due
        soon. The customers are walked in slices of `batch` ids, each slice one set-based
        statement per rule (an index range scan, so the whole run reads the table once) that
        moves the due customers, their contacts and writes the history; with `commit` (the cron)
        each slice is committed, so a run killed half-way is finished by the next one: customers
        already taken back no longer match."""
        self.env.cr.execute("SELECT min(id), max(id) FROM res_partner")
        first, last = self.env.cr.fetchone()
        total = 0
        for pool in self.sudo():
            for rule in pool._rules():
                for start in range(first or 0, (last or 0) + 1, batch):
                    moved = pool._takeback_batch(rule, date_ref, start, start + batch - 1)
                    total += len(moved)
                    if moved:
                        _logger.info("pool %s, rule %s: %d customers taken back", pool.name, rule.key, len(moved))
                    if commit:
                        commit_batch(self.env)
            if pool.warning_days:
                pool._warn(date_ref)
                if commit:
                    commit_batch(self.env)
        return total

    def _rules(self):
        """The rules switched on in this pool; none while its company's public pool is switched off
        (nothing is taken back, warned of or shown as due then)."""
        self.ensure_one()
        if not self.company_id._followup_enabled("pool"):
            return []
        return [rule for rule in DUE_RULES if self[rule.switch_field]]

    def _takeback_batch(self, rule, date_ref, first_id, last_id):
        """Take back the customers with ids in [first_id, last_id] due for `rule`, through the
        pool's one move (res.partner._followup_move_rows)."""
        self.ensure_one()
        due_query, params = due_sql(self, rule)
        src = ("SELECT d.id, d.user_id FROM (" + due_query + ") d"
               " WHERE d.due <= %(date_ref)s AND d.id BETWEEN %(first_id)s AND %(last_id)s")
        params.update(date_ref=date_ref, first_id=first_id, last_id=last_id)
        return self.env["res.partner"]._followup_move_rows(
            src, params, "takeback", pool=self, rule=rule.key, date=date_ref)

    def _warn(self, date_ref):
        """One reminder per customer and cycle for its owner, `warning_days` before the take-back,
        due on the take-back day in the owner's time zone and worded in their language. A cycle
        starts at the rule's base date (a follow-up starts a new one), so running the cron again
        posts nothing twice."""
        self.ensure_one()
        cr = self.env.cr
        horizon = dates.add_days(date_ref, self.warning_days)
        todo = self.env.ref("mail.mail_activity_data_todo")
        texts = {}
        for rule in self._rules():
            query, params = due_sql(self, rule)
            params.update(date_ref=date_ref, horizon=horizon)
            cr.execute("""
                SELECT d.id, d.user_id, d.due, up.tz, up.lang FROM (""" + query + """) d
                  JOIN res_users u ON u.id = d.user_id
                  JOIN res_partner up ON up.id = u.partner_id
                 WHERE d.due > %(date_ref)s AND d.due <= %(horizon)s
                   AND NOT EXISTS (SELECT 1 FROM crm_followup_pool_log w
                                    WHERE w.partner_id = d.id AND w.action = 'warning'
                                      AND w.from_user_id = d.user_id AND w.date >= d.base)
            """, params)
            rows = cr.fetchall()
            if not rows:
                continue
            for lang in {row[4] for row in rows} - set(texts):
                texts[lang] = self.with_context(lang=lang)._warning_texts()
            self.env["crm.followup.reminder"].create_many(todo, [
                Reminder(partner_id, user_id, dates.local_date(due, dates.tz_of(tz)), *texts[lang])
                for partner_id, user_id, due, tz, lang in rows])
            cr.execute("""
                INSERT INTO crm_followup_pool_log (action, partner_id, from_user_id, pool_id, rule,
                                                   date, company_id, create_uid, create_date, write_date)
                SELECT 'warning', w.partner_id, w.user_id, %s, %s, %s, %s, %s, %s, %s
                  FROM unnest(%s::int[], %s::int[]) AS w(partner_id, user_id)
            """, [self.id, rule.key, date_ref, self.company_id.id, self.env.uid, date_ref, date_ref,
                  [row[0] for row in rows], [row[1] for row in rows]])
        self.env["crm.followup.pool.log"].invalidate_cache()

    def _warning_texts(self):
        """(summary, note) of a take-back warning, in the language of this environment."""
        return (_("Follow up, or this customer returns to the public pool"),
                _("<p>No action: this customer will be taken back into the public pool %s.</p>") % self.name)


class CrmFollowupPoolGradeRule(models.Model):
    """Take-back periods of one grade in one pool (e.g. key customers are taken back sooner)."""

    _name = "crm.followup.pool.grade.rule"
    _description = "Take-back Days per Grade"
    _order = "pool_id, grade_id"

    pool_id = fields.Many2one("crm.followup.pool", required=True, ondelete="cascade", index=True)
    grade_id = fields.Many2one("crm.followup.grade", required=True, ondelete="cascade")
    no_followup_days = fields.Integer(string="No Follow-up for (days)", required=True, default=30)
    no_opportunity_days = fields.Integer(string="No New Opportunity for (days)", required=True, default=60)
    not_won_days = fields.Integer(string="Not Won within (days)", required=True, default=90)

    _sql_constraints = [
        ("pool_grade_uniq", "unique(pool_id, grade_id)", "A grade has one line of days per pool."),
    ]

    @api.constrains("no_followup_days", "no_opportunity_days", "not_won_days")
    def _check_days(self):
        for line in self:
            if min(line.no_followup_days, line.no_opportunity_days, line.not_won_days) <= 0:
                raise ValidationError(_("The take-back days of grade %s must be at least one day.")
                                      % line.grade_id.name)
        self.mapped("pool_id")._check_rules()
