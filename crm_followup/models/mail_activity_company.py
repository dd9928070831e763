from odoo import _, api, fields, models
from odoo.exceptions import UserError


class MailActivity(models.Model):
    """The company of a reminder (mail.activity), for the company wall of the record rules: the
    company of the document it is on (a customer, an opportunity: any model with a stored
    company). Reminders on documents without a company belong to no company and stay Odoo's."""

    _inherit = "mail.activity"

    document_company_id = fields.Many2one(
        "res.company", compute="_compute_document_company_id", search="_search_document_company_id",
        string="Document Company")

    @api.model
    def _company_document_models(self):
        """Models whose records may carry reminders and have a stored company."""
        return sorted(
            name for name, model in self.env.registry.items()
            if not model._abstract and model._auto and "activity_ids" in model._fields
            and model._fields.get("company_id") is not None and model._fields["company_id"].store
            and model._fields["company_id"].type == "many2one")

    def _compute_document_company_id(self):
        models_with_company = set(self._company_document_models())
        for activity in self:
            document = (self.env[activity.res_model].sudo().browse(activity.res_id)
                        if activity.res_model in models_with_company and activity.res_id else None)
            activity.document_company_id = document.company_id if document else False

    def _search_document_company_id(self, operator, value):
        """Only `in` (with the ids of companies), as the record rule uses it: reminders on documents
        of these companies, on documents without a company, and on models without a company. One
        sub-select, so that the rule costs a semi-join whatever the number of reminders."""
        if operator not in ("in", "="):
            raise UserError(_("Unsupported search on \"Document Company\"."))
        companies = [value] if isinstance(value, int) else [int(c) for c in value or []]
        names = self._company_document_models()
        # table names come from the registry, never from the user; the values are parameters
        branches = ["a.res_model <> ALL(%s)"]
        params = [names]
        for name in names:
            branches.append("(a.res_model = %s AND EXISTS (SELECT 1 FROM {table} d WHERE d.id = a.res_id"
                            " AND (d.company_id IS NULL OR d.company_id = ANY(%s))))".format(
                                table=self.env[name]._table))
            params += [name, companies]
        query = "SELECT a.id FROM mail_activity a WHERE " + " OR ".join(branches)
        return [("id", "inselect", (query, params))]
