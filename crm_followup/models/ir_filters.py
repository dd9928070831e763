from collections import defaultdict

from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.addons.base.ir.ir_model import MODULE_UNINSTALL_FLAG
from odoo.exceptions import UserError, ValidationError
from odoo.osv import expression

from . import followup_dates as dates
from .saved_search_domain import DomainError, check_domain, eval_domain

SHARE_SCOPES = [
    ("me", "Only Me"),
    ("team", "My Sales Team"),
    ("users", "Chosen Users"),
    ("company", "Whole Company"),
]


class IrFilters(models.Model):
    """Saved searches (标签搜索) are Odoo's own favourites (`ir.filters`), so the search view's
    Favourites menu keeps working: this adds a tag and a colour, sharing with a sales team or
    chosen users or the company (record rules in crm_followup_saved_search_security.xml), system
    searches users hide but cannot delete, a default per user, relative dates that stay relative
    (saved_search_domain.py) and the workbench's chips with a live count each.

    A model takes part by declaring `_followup_saved_search_action` (the action a chip opens),
    as res.partner, crm.followup.record and crm.lead do. Searches shared beyond their owner have
    no `user_id` (Odoo's "shared" favourites) and an `owner_id`."""

    _inherit = "ir.filters"

    followup_tag = fields.Char(
        string="Tag", translate=True, help="Groups the saved searches on the workbench, e.g. 本周.")
    followup_color = fields.Integer(string="Colour", help="Colour of the chip on the workbench (0-11).")
    share_scope = fields.Selection(
        SHARE_SCOPES, string="Shared With",
        help="Only me; the members of a sales team; chosen users; everybody in the company.")
    team_id = fields.Many2one("crm.team", string="Sales Team", ondelete="cascade")
    shared_user_ids = fields.Many2many(
        "res.users", "ir_filters_shared_user_rel", "filter_id", "user_id", string="Shared with Users")
    company_id = fields.Many2one("res.company", string="Company", default=lambda self: self.env.user.company_id)
    owner_id = fields.Many2one(
        "res.users", string="Owner", ondelete="set null", default=lambda self: self.env.uid,
        help="Who saved it: only they (and Follow-up Managers) change or delete a shared search.")
    is_system = fields.Boolean(
        string="System Search", readonly=True,
        help="Shipped with Customer Tracking: each user may hide it, nobody deletes it.")
    on_workbench = fields.Boolean(string="On the Workbench", help="Shown as a chip with its live count.")
    # who hid a search or chose it as their default: changed through the actions below only
    hidden_user_ids = fields.Many2many(
        "res.users", "ir_filters_hidden_user_rel", "filter_id", "user_id", string="Hidden by",
        groups="crm_followup.crm_followup_group_manager")
    default_user_ids = fields.Many2many(
        "res.users", "ir_filters_default_user_rel", "filter_id", "user_id", string="Default for",
        groups="crm_followup.crm_followup_group_manager")
    followup_hidden = fields.Boolean(compute="_compute_followup_mine", string="Hidden")
    followup_my_default = fields.Boolean(compute="_compute_followup_mine", string="My Default")

    def _compute_followup_mine(self):
        hidden = self._followup_user_rows("ir_filters_hidden_user_rel")
        defaults = self._followup_user_rows("ir_filters_default_user_rel")
        for search in self:
            search.followup_hidden = search.id in hidden
            search.followup_my_default = search.id in defaults

    def _followup_user_rows(self, table):
        """The ids of these searches the current user has a row for in `table` (hidden, default)."""
        ids = [fid for fid in self.ids if isinstance(fid, int)]
        if not ids:
            return set()
        # the table name is one of our two constants, never input
        self.env.cr.execute("SELECT filter_id FROM " + table + " WHERE user_id = %s AND filter_id = ANY(%s)",
                            [self.env.uid, ids])
        return {row[0] for row in self.env.cr.fetchall()}

    # ---- which models take part --------------------------------------------------------------

    @api.model
    def _followup_search_models(self):
        """{model name: xml id of the action its chips open} of the models that declare
        `_followup_saved_search_action`."""
        return {name: model._followup_saved_search_action for name, model in self.env.registry.models.items()
                if getattr(model, "_followup_saved_search_action", None)}

    # ---- checks ------------------------------------------------------------------------------

    def _followup_check_domain(self, vals):
        """Before anything is saved: the domain of a search of a taking-part model evaluates
        (safe_eval) to conditions on existing fields."""
        models_ = self._followup_search_models()
        today = dates.to_date(dates.local_today(self.env))
        for search in self or [self.browse()]:
            model = vals.get("model_id", search.model_id)
            if model not in models_ or ("domain" not in vals and "model_id" not in vals):
                continue
            name = vals.get("name", search.name)
            try:
                check_domain(self.env[model], eval_domain(vals.get("domain", search.domain), today, self.env.uid))
            except DomainError as error:
                raise ValidationError(_("The saved search %(name)s cannot run: %(error)s. Change its conditions "
                                        "in the search view and save it again.") % {"name": name, "error": error})

    @api.constrains("share_scope", "team_id", "shared_user_ids")
    def _check_followup_share(self):
        for search in self:
            if search.share_scope == "team" and not search.team_id:
                raise ValidationError(_("Choose the sales team to share the saved search %s with.") % search.name)
            if search.share_scope == "users" and not search.shared_user_ids:
                raise ValidationError(_("Choose the users to share the saved search %s with.") % search.name)

    def _followup_check_team(self, team_id):
        """A user shares with a sales team they lead or belong to (Follow-up Managers with any)."""
        if not team_id or self.env.user._followup_is_manager():
            return
        team = self.env["crm.team"].sudo().browse(team_id)
        if self.env.user not in team.member_ids | team.user_id:
            raise UserError(_("You are not a member of the sales team %s: share the search with your own "
                              "team, or with chosen users.") % team.name)

    def _followup_check_name(self, vals):
        """Two searches of one list (model, action, owner or shared) may not have one name: Odoo's
        unique index would refuse it without saying why."""
        for search in self or [self.browse()]:
            name = vals.get("name", search.name)
            model = vals.get("model_id", search.model_id)
            user_id = vals["user_id"] if "user_id" in vals else search.user_id.id
            action_id = vals["action_id"] if "action_id" in vals else search.action_id.id
            if not name or not model:
                continue
            self.env.cr.execute("""
                SELECT 1 FROM ir_filters
                 WHERE lower(name) = lower(%s) AND model_id = %s AND COALESCE(user_id, -1) = COALESCE(%s, -1)
                   AND COALESCE(action_id, -1) = COALESCE(%s, -1) AND id != %s
            """, [name, model, user_id or None, action_id or None, search.id or 0])
            if self.env.cr.fetchone():
                raise UserError(_("A saved search named %s already exists for this list: choose another "
                                  "name.") % name)

    def _followup_check_may_change(self, deleting=False):
        """Only the owner (and Follow-up Managers) change or delete a shared search; nobody deletes
        a system search (each user may hide it)."""
        manager = self.env.user._followup_is_manager()
        for search in self:
            if search.is_system:
                if deleting and not self.env.context.get(MODULE_UNINSTALL_FLAG):
                    raise UserError(_("%s is a system search: it cannot be deleted. Hide it instead.")
                                    % search.name)
                if not manager:
                    raise UserError(_("%s is a system search: only a Follow-up Manager may change it. "
                                      "Hide it if you do not need it.") % search.name)
            elif not search.user_id and search.owner_id and search.owner_id != self.env.user and not manager:
                raise UserError(_("%(name)s is shared by %(owner)s: only they or a Follow-up Manager may "
                                  "change or delete it. Save a copy under another name instead.")
                                % {"name": search.name, "owner": search.owner_id.name})

    # ---- CRUD --------------------------------------------------------------------------------

    @api.model
    def _followup_sharing_vals(self, vals, current_scope=None, owner_id=None):
        """Keep Odoo's `user_id` (set = private, empty = shared) in step with `share_scope`."""
        if "share_scope" in vals:
            scope = vals["share_scope"]
            if scope:
                vals["user_id"] = (owner_id or self.env.uid) if scope == "me" else False
        elif "user_id" in vals:
            vals["share_scope"] = "me" if vals["user_id"] else (
                current_scope if current_scope not in (None, "me") else "company")
        if vals.get("share_scope") != "team" and "share_scope" in vals:
            vals["team_id"] = False
        if vals.get("share_scope") == "team" and not vals.get("team_id"):
            vals["team_id"] = self.env.user.sale_team_id.id
        return vals

    @api.model
    def create(self, vals):
        vals = dict(vals)
        if "share_scope" not in vals and "user_id" not in vals:
            vals["user_id"] = self.env.uid  # Odoo's default: a private favourite
        vals = self._followup_sharing_vals(vals, owner_id=vals.get("owner_id"))
        if self.env.uid != SUPERUSER_ID:
            vals.pop("is_system", None)
            if not self.env.user._followup_is_manager():
                vals["owner_id"] = self.env.uid
        self._followup_check_team(vals.get("team_id"))
        self.browse()._followup_check_name(vals)
        self.browse()._followup_check_domain(vals)
        return super(IrFilters, self).create(vals)

    @api.multi
    def write(self, vals):
        if self.env.uid != SUPERUSER_ID:
            self._followup_check_may_change()
            vals = dict(vals)
            vals.pop("is_system", None)
            if "owner_id" in vals and not self.env.user._followup_is_manager():
                vals.pop("owner_id")
        self._followup_check_domain(vals)
        if not {"share_scope", "user_id", "team_id", "name", "model_id", "action_id"} & set(vals):
            return super(IrFilters, self).write(vals)
        for search in self:
            search_vals = self._followup_sharing_vals(
                dict(vals), current_scope=search.share_scope, owner_id=search.owner_id.id)
            if "team_id" in search_vals:
                self._followup_check_team(search_vals["team_id"])
            search._followup_check_name(search_vals)
            super(IrFilters, search).write(search_vals)
        return True

    @api.multi
    def unlink(self):
        if self.env.uid != SUPERUSER_ID or not self.env.context.get(MODULE_UNINSTALL_FLAG):
            self._followup_check_may_change(deleting=True)
        return super(IrFilters, self).unlink()

    # ---- the Favourites menu -----------------------------------------------------------------

    @api.model
    def get_filters(self, model, action_id=None):
        """Odoo's favourites of the list, without those the user hid, with the user's own default
        (a shared search they chose) and the tag, colour and sharing of each."""
        filters = super(IrFilters, self).get_filters(model, action_id)
        if not filters:
            return filters
        searches = self.browse([f["id"] for f in filters])
        hidden = searches._followup_user_rows("ir_filters_hidden_user_rel")
        my_default = searches._followup_user_rows("ir_filters_default_user_rel")
        keys = ("followup_tag", "followup_color", "share_scope", "is_system")
        extra = {row["id"]: row for row in searches.read(list(keys))}
        shown = []
        for values in filters:
            if values["id"] in hidden:
                continue
            values.update({key: extra[values["id"]][key] for key in keys})
            if my_default:
                # the user's own choice wins over a private or a company-wide default
                values["is_default"] = values["id"] in my_default
            shown.append(values)
        return shown

    @api.model
    @api.returns("self", lambda value: value.id)
    def create_or_replace(self, vals):
        if vals.get("is_default") and vals.get("user_id"):
            self.search([("model_id", "=", vals["model_id"])])._followup_forget_my_default()
        return super(IrFilters, self).create_or_replace(vals)

    def _followup_forget_my_default(self):
        self.env.cr.execute("DELETE FROM ir_filters_default_user_rel WHERE user_id = %s AND filter_id = ANY(%s)",
                            [self.env.uid, self.ids])
        self.invalidate_cache(["default_user_ids", "followup_my_default"], self.ids)

    # ---- per-user actions --------------------------------------------------------------------

    def _followup_check_visible(self):
        self.check_access_rights("read")
        self.check_access_rule("read")

    def action_followup_hide(self):
        """Hide these searches from the current user's Favourites and workbench (system ones too)."""
        self._followup_check_visible()
        self.sudo().write({"hidden_user_ids": [(4, self.env.uid)]})
        return True

    def action_followup_show(self):
        self._followup_check_visible()
        self.sudo().write({"hidden_user_ids": [(3, self.env.uid)]})
        return True

    def action_followup_set_default(self):
        """The search the current user's list opens with: one per model for each user, whoever
        shared it."""
        self.ensure_one()
        self._followup_check_visible()
        same_list = self.search([("model_id", "=", self.model_id)])
        same_list._followup_forget_my_default()
        own_defaults = same_list.filtered(lambda s: s.user_id == self.env.user and s.is_default)
        if own_defaults:
            own_defaults.write({"is_default": False})
        self.sudo().write({"default_user_ids": [(4, self.env.uid)], "hidden_user_ids": [(3, self.env.uid)]})
        return True

    # ---- running a saved search --------------------------------------------------------------

    def _followup_domain(self, today=None):
        """The domain of this search today for the current user (relative dates evaluated now),
        with its action's own domain (a search saved on *My Customers* counts my customers)."""
        self.ensure_one()
        today = today or dates.to_date(dates.local_today(self.env))
        domain = eval_domain(self.domain, today, self.env.uid)
        action = self.action_id.sudo()
        if action.type == "ir.actions.act_window":
            action_domain = self.env["ir.actions.act_window"].sudo().browse(action.id).domain
            if action_domain:
                domain = expression.AND([eval_domain(action_domain, today, self.env.uid), domain])
        return domain

    @api.model
    def _followup_count_many(self, model, domains):
        """The number of records of `model` (a recordset of the current user) matching each of
        `domains`, as search_count gives it (access rights, record rules, masking in _where_calc):
        one query for all the domains that need no join, one search_count for each other."""
        model.check_access_rights("read")
        base = model._where_calc([])
        model._apply_ir_rules(base, "read")
        if base.joins or len(base.tables) != 1:
            return [model.search_count(domain) for domain in domains]
        counts = [0] * len(domains)
        columns, params = [], []
        for position, domain in enumerate(domains):
            if expression.is_false(model, domain):
                continue
            query = model._where_calc(domain)
            if query.joins or query.tables != base.tables:
                counts[position] = model.search_count(domain)
                continue
            where_clause, where_params = query.get_sql()[1:]
            columns.append((position, "COUNT(*) FILTER (WHERE %s)" % (where_clause or "TRUE")))
            params.extend(where_params)
        if columns:
            from_clause, where_clause, where_params = base.get_sql()
            # the clauses are the ORM's own (Query.get_sql), every value is a parameter
            sql = "SELECT %s FROM %s WHERE %s" % (
                ", ".join(column for _position, column in columns), from_clause, where_clause or "TRUE")
            self.env.cr.execute(sql, params + where_params)
            for (position, _column), count in zip(columns, self.env.cr.fetchone()):
                counts[position] = count
        return counts

    @api.model
    def get_workbench_chips(self):
        """The chips of the current user's workbench: the saved searches they may see, did not
        hide, and that are flagged for the workbench, each with its live count run as the user.
        [{id, name, tag, color, model, count, is_system}], ordered by tag and name."""
        models_ = self._followup_search_models()
        searches = self.search([("model_id", "in", list(models_)), ("on_workbench", "=", True)])
        hidden = searches._followup_user_rows("ir_filters_hidden_user_rel")
        searches = searches.filtered(lambda s: s.id not in hidden).sorted(
            lambda s: (s.followup_tag or "", s.name.lower()))
        today = dates.to_date(dates.local_today(self.env))
        by_model = defaultdict(list)
        for search in searches:
            by_model[search.model_id].append(search)
        counts = {}
        for model, group in by_model.items():
            runnable = {}
            for search in group:
                try:
                    runnable[search.id] = search._followup_domain(today)
                except DomainError:
                    counts[search.id] = None  # e.g. its action's domain needs a context: no count
            counts.update(zip(runnable, self._followup_count_many(self.env[model], list(runnable.values()))))
        return [{"id": search.id, "name": search.name, "tag": search.followup_tag or "",
                 "color": search.followup_color, "model": search.model_id, "count": counts[search.id],
                 "is_system": search.is_system} for search in searches]

    def action_followup_open(self):
        """Open the list of this search's model with its records of today (for a chip)."""
        self.ensure_one()
        self._followup_check_visible()
        xmlid = self._followup_search_models().get(self.model_id)
        if not xmlid:
            raise UserError(_("%s cannot be opened from the workbench.") % self.name)
        action = self.env.ref(xmlid).read()[0]
        action.update({"name": self.name, "display_name": self.name, "domain": self._followup_domain(),
                       "target": "current"})
        return action
