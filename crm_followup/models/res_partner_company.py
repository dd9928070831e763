from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError


class ResPartner(models.Model):
    """The company wall of customers: every customer belongs to one company, which the record
    rules keep apart from the others (security/crm_followup_company_security.xml). A customer
    without a company would be every company's. A new customer gets its creator's company, a
    contact its customer's; nobody moves a customer into a company they are not a member of."""

    _inherit = "res.partner"

    shared_with_all_companies = fields.Boolean(
        string="Shared with All Companies", compute="_compute_shared_with_all_companies",
        search="_search_shared_with_all_companies",
        help="The partner of an internal user or of a company: Odoo reads it everywhere (message authors, "
             "followers, attendees), so every company's users may read it.")

    _SHARED_PARTNERS_SQL = "SELECT partner_id FROM res_users WHERE NOT share UNION SELECT partner_id FROM res_company"

    def _compute_shared_with_all_companies(self):
        ids = [pid for pid in self.ids if isinstance(pid, int)]
        shared = set()
        if ids:
            self.env.cr.execute("SELECT * FROM (" + self._SHARED_PARTNERS_SQL + ") s WHERE partner_id = ANY(%s)",
                                (ids,))
            shared = {row[0] for row in self.env.cr.fetchall()}
        for partner in self:
            partner.shared_with_all_companies = partner.id in shared

    def _search_shared_with_all_companies(self, operator, value):
        if operator not in ("=", "!="):
            raise UserError(_("Unsupported search on \"Shared with All Companies\"."))
        positive = (operator == "=") == bool(value)
        return [("id", "inselect" if positive else "not inselect", (self._SHARED_PARTNERS_SQL, []))]

    @api.constrains("company_id", "customer")
    def _check_customer_company(self):
        for partner in self:
            if partner.sudo().customer and not partner.sudo().company_id:  # it may have left the user's companies
                raise ValidationError(_(
                    "%s is a customer: choose its company. Only that company's users see it.")
                    % partner.name)

    @api.model
    def create(self, vals):
        customer = vals["customer"] if "customer" in vals else self.default_get(["customer"]).get("customer")
        if customer:
            parent = self.browse(vals.get("parent_id")).sudo().commercial_partner_id
            if parent.company_id:
                vals["company_id"] = parent.company_id.id  # not the current company of a member of both
            elif not vals.get("company_id"):
                vals["company_id"] = self.env.user.company_id.id
        return super(ResPartner, self).create(vals)

    def write(self, vals):
        res = super(ResPartner, self).write(vals)
        if "company_id" in vals:
            # Odoo checks the rules before a write only: the new company must be one of the user's too
            self.check_access_rule("write")
        return res
