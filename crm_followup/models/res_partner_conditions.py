"""Module search and multi-condition search (模块搜索 · 多条件搜索): conditions on a customer's
follow-ups, complaints and opportunities that the customer search view cannot express by itself.

Adds to res.partner search-only fields, each a condition with a typed value, so that they combine
with every other filter of the search view (AND between fields, OR between values of one field),
are saved by Favourites as ordinary domains, and are evaluated again (relative periods included)
each time the search runs:

- ``followup_mention``: the customer's follow-ups (content or next step) mention the text;
- ``complaint_mention``: the customer's complaints (subject, description, resolution) mention it;
- ``opportunity_campaign``: the customer has an opportunity (or lead, won, lost or open) of a
  campaign (``utm.campaign``) whose name contains the text; ``A & B``: of both campaigns;
- ``followup_times`` / ``visit_times``: followed up (visited) at least N times in a period:
  ``3``, ``3 this month``, ``2 30`` (the last 30 days), ``5 2026-01-01..2026-03-31``;
- ``no_followup_since``: no follow-up since a day: ``2026-10-01``, ``30`` (30 days), ``this month``;
- ``owner_received``: the owner received the customer in a period (with the Grade field: "grade
  A customers received this month").

Periods: ``followup_dates.period_dates``. The follow-ups and opportunities counted are those the
user may read (their record rules' SQL); a phone number or e-mail address is never looked for in
the follow-ups of a customer whose contact data the user may not see (res_partner_mask).
"""
import re

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.osv import expression

from . import followup_dates as dates
from .res_partner_mask import MASKED_PARTNERS_SQL
from .res_partner_search import search_terms

POSITIVE = ("=", "ilike", "like")
TIMES = re.compile(r"^\s*(\d+)\s*(?:x|次|times?)?\s*(.*)$", re.IGNORECASE)


class ResPartner(models.Model):
    _inherit = "res.partner"

    followup_mention = fields.Char(
        compute="_compute_search_only", search="_search_followup_mention", string="Follow-ups Mention",
        help="Customers whose follow-ups (what was said, next step) contain the text.")
    complaint_mention = fields.Char(
        compute="_compute_search_only", search="_search_complaint_mention", string="Complaints Mention",
        help="Customers whose complaints (subject, description, resolution) contain the text.")
    opportunity_campaign = fields.Char(
        compute="_compute_search_only", search="_search_opportunity_campaign", string="Opportunity Campaign",
        help="Customers with an opportunity or lead of a campaign whose name contains the text; "
             "'Spring Fair & Double 11': of both campaigns.")
    followup_times = fields.Char(
        compute="_compute_search_only", search="_search_followup_times", string="Followed up at Least",
        help="Customers followed up at least N times in a period: '3' (ever), '3 this month', '2 30' (the "
             "last 30 days), '5 2026-01-01..2026-03-31'; also this week, last month, this year, 本周, 上月, 今年.")
    visit_times = fields.Char(
        compute="_compute_search_only", search="_search_visit_times", string="Visited at Least",
        help="Customers visited at least N times in a period, as 'Followed up at Least': '2 this month'.")
    no_followup_since = fields.Char(
        compute="_compute_search_only", search="_search_no_followup_since", string="No Follow-up Since",
        help="Customers not followed up since a day (or never): '2026-10-01', '30' (30 days), 'this month'.")
    owner_received = fields.Char(
        compute="_compute_search_only", search="_search_owner_received", string="Owner Received",
        help="Customers whose owner received them in a period: 'this month', '30' (the last 30 days), "
             "'2026-01-01..2026-03-31'.")

    def _compute_search_only(self):
        for partner in self:
            partner.followup_mention = partner.complaint_mention = False
            partner.opportunity_campaign = partner.followup_times = False
            partner.visit_times = partner.no_followup_since = partner.owner_received = False

    # ---- from follow-ups ----------------------------------------------------------------------

    def _search_followup_mention(self, operator, value):
        return self._mention_domain(operator, value, _("Follow-ups Mention"), "crm.followup.record",
                                    ["content", "next_step"])

    def _search_complaint_mention(self, operator, value):
        return self._mention_domain(operator, value, _("Complaints Mention"), "crm.followup.complaint",
                                    ["subject", "description", "resolution"])

    def _mention_domain(self, operator, value, label, model, text_fields):
        """The customers with a record of `model` (one the user may read) whose `text_fields`
        contain the text."""
        text = self._condition_text(operator, value, label)
        select, params = self._followup_readable_sql(
            model, expression.OR([[(name, "ilike", text)] for name in text_fields]), "partner_id")
        terms = search_terms(text)
        if (terms["phone"] or terms["digits"] or terms["email"]) and not self._followup_sees_contact_data():
            # a number or address in a follow-up never confirms what the customer's card hides
            select = "SELECT partner_id FROM (%s) AS mentioned(partner_id) WHERE partner_id NOT IN (%s)" % (
                select, MASKED_PARTNERS_SQL)
            params = params + [self.env.uid]
        return [("id", "inselect", (select, params))]

    def _search_followup_times(self, operator, value):
        return self._times_domain(operator, value, _("Followed up at Least"), [])

    def _search_visit_times(self, operator, value):
        return self._times_domain(operator, value, _("Visited at Least"), [("method_id.is_visit", "=", True)])

    def _times_domain(self, operator, value, label, record_domain):
        text = self._condition_text(operator, value, label)
        match = TIMES.match(text)
        if not match or int(match.group(1)) < 1:
            raise UserError(_("%(field)s: type a number of times of at least 1, then a period if you like, "
                              "e.g. '3 this month'; not '%(value)s'.") % {"field": label, "value": text})
        start, end = self._period(match.group(2), label)
        select, params = self._followup_readable_sql(
            "crm.followup.record", expression.AND([record_domain, self._date_domain("date", start, end)]),
            "partner_id")
        return [("id", "inselect", ("%s GROUP BY 1 HAVING count(*) >= %%s" % select,
                                    params + [int(match.group(1))]))]

    def _search_no_followup_since(self, operator, value):
        label = _("No Follow-up Since")
        start, _end = self._period(self._condition_text(operator, value, label), label)
        if not start:
            raise UserError(_("%(field)s: type a day or a period, e.g. '2026-10-01' or '30'.") % {"field": label})
        return ["|", ("last_followup_date", "=", False), ("last_followup_date", "<", start)]

    def _search_owner_received(self, operator, value):
        label = _("Owner Received")
        start, end = self._period(self._condition_text(operator, value, label), label)
        return expression.AND([[("user_id", "!=", False)], self._date_domain("date_owner_received", start, end)])

    # ---- from opportunities -------------------------------------------------------------------

    def _search_opportunity_campaign(self, operator, value):
        text = self._condition_text(operator, value, _("Opportunity Campaign"))
        domain = []
        for name in [part.strip() for part in text.split("&")]:
            if not name:
                raise UserError(_("Opportunity Campaign: type a campaign's name, or two joined by '&'."))
            campaigns = self.env["utm.campaign"].search([("name", "ilike", name)])
            # the customer of a contact's opportunity is the contact's company
            select, params = self._followup_readable_sql(
                "crm.lead", [("campaign_id", "in", campaigns.ids), ("partner_id", "!=", False)], "partner_id",
                active_test=False)
            domain.append([("id", "inselect", (
                "SELECT commercial_partner_id FROM res_partner WHERE id IN (%s)" % select, params))])
        return expression.AND(domain)

    # ---- shared -------------------------------------------------------------------------------

    @api.model
    def _condition_text(self, operator, value, label):
        if operator not in POSITIVE or not isinstance(value, str) or not value.strip():
            raise UserError(_("%(field)s: type a value to look for (only 'contains' or 'is' can be used).")
                            % {"field": label})
        return value.strip()

    @api.model
    def _period(self, text, label):
        try:
            return dates.period_bounds(text, self.env)
        except ValueError:
            raise UserError(_("%(field)s: '%(value)s' is not a period. Type 30 (the last 30 days), this week, "
                              "last week, this month, last month, this year, 2026-01-01..2026-03-31 or "
                              "2026-01-01 (from that day on).") % {"field": label, "value": text})

    @staticmethod
    def _date_domain(field_name, start, end):
        """[start, end) on a Datetime field, either end open (None)."""
        return expression.AND([[(field_name, ">=", start)] if start else [],
                               [(field_name, "<", end)] if end else []])
