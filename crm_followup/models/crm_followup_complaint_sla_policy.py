from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from .crm_followup_complaint import SEVERITIES

# What a service level measures: first response = the complaint leaves its "new" stage (its
# assignee took it on: in progress, waiting for the customer or already solved); solution = it
# enters a solved stage (solved or closed).
METRICS = [
    ("first_response", "First Response"),
    ("solution", "Solution"),
]
# Who an escalation step notifies.
RECIPIENTS = [
    ("team_leader", "Team Leader"),
    ("sales_manager", "Owner's Sales Manager"),
    ("user", "Named User"),
]


class CrmFollowupComplaintSlaPolicy(models.Model):
    """A service level policy (服务等级): the working hours within which complaints of these
    categories, severities, channels and customer grades are answered and solved, counted on a
    working calendar, with a warning before the breach and an escalation ladder after it. The most
    specific matching policy of the complaint's company wins (the one with the most conditions
    set), then the first by sequence."""

    _name = "crm.followup.complaint.sla.policy"
    _description = "Complaint Service Level Policy"
    _order = "sequence, id"

    def _default_calendar(self):
        return (self.env.ref("crm_followup.resource_calendar_china", raise_if_not_found=False)
                or self.env.user.company_id.resource_calendar_id)

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.user.company_id)
    category_ids = fields.Many2many(
        "crm.followup.complaint.category", "crm_followup_sla_policy_category_rel", "policy_id", "category_id",
        string="Categories", help="Empty: any category.")
    severity = fields.Selection(SEVERITIES, help="Empty: any severity.")
    channel_ids = fields.Many2many(
        "crm.followup.complaint.channel", "crm_followup_sla_policy_channel_rel", "policy_id", "channel_id",
        string="Channels", help="Empty: any channel.")
    grade_ids = fields.Many2many(
        "crm.followup.grade", "crm_followup_sla_policy_grade_rel", "policy_id", "grade_id",
        string="Customer Grades", help="Empty: any grade (the customer's grade when the complaint was registered).")
    calendar_id = fields.Many2one(
        "resource.calendar", string="Working Hours", required=True, ondelete="restrict", default=_default_calendar,
        help="The working hours and public holidays the targets are counted in.")
    target_ids = fields.One2many(
        "crm.followup.complaint.sla.target", "policy_id", string="Targets", copy=True)
    warning_share = fields.Integer(
        string="Warning at (%)", default=80,
        help="The assignee is reminded and mailed when this share of a target has passed (1-99).")
    step_ids = fields.One2many(
        "crm.followup.complaint.sla.step", "policy_id", string="Escalation", copy=True,
        help="Who is notified (and optionally takes the complaint over) after a target is missed.")

    @api.constrains("warning_share")
    def _check_warning_share(self):
        for policy in self:
            if not 1 <= policy.warning_share <= 99:
                raise ValidationError(_("The warning of the policy %s comes at a share of its targets between "
                                        "1 and 99 %%: give a share in that range.") % policy.name)

    @api.constrains("calendar_id")
    def _check_calendar(self):
        for policy in self:
            if not policy.calendar_id.attendance_ids:
                raise ValidationError(_(
                    "The working hours %(calendar)s of the policy %(policy)s have no working time: choose a "
                    "calendar with working hours.") % {"calendar": policy.calendar_id.name, "policy": policy.name})

    @api.constrains("step_ids")
    def _check_steps(self):
        for policy in self:
            delays = [step.delay_hours for step in policy.step_ids]
            if delays != sorted(delays):
                raise ValidationError(_(
                    "The escalation steps of the policy %s must come in order: each step as late as the one "
                    "before it or later. Change the delays or the order of the steps.") % policy.name)

    @api.model
    def _match(self, complaint):
        """The policy of a complaint (a record or a dict of category_id, severity, channel_id,
        customer_grade_id, company_id ids): among the policies of its company whose conditions it
        meets, the most specific, then the first by sequence; an empty recordset if none."""
        values = complaint if isinstance(complaint, dict) else {
            "category_id": complaint.category_id.id, "severity": complaint.severity,
            "channel_id": complaint.channel_id.id, "customer_grade_id": complaint.customer_grade_id.id,
            "company_id": complaint.company_id.id}
        candidates = [policy for policy in self.sudo().search([("company_id", "=", values["company_id"])])
                      if policy._matches(values)]
        candidates.sort(key=lambda policy: (-policy._specificity(), policy.sequence, policy.id))
        return candidates[0] if candidates else self.browse()

    def _matches(self, values):
        return ((not self.category_ids or values["category_id"] in self.category_ids.ids)
                and (not self.severity or values["severity"] == self.severity)
                and (not self.channel_ids or values["channel_id"] in self.channel_ids.ids)
                and (not self.grade_ids or values["customer_grade_id"] in self.grade_ids.ids))

    def _specificity(self):
        return sum(1 for condition in (self.category_ids, self.severity, self.channel_ids, self.grade_ids)
                   if condition)


class CrmFollowupComplaintSlaTarget(models.Model):
    """A target of a policy: the working hours within which a metric is to be reached."""

    _name = "crm.followup.complaint.sla.target"
    _description = "Complaint Service Level Target"
    _order = "policy_id, metric"

    policy_id = fields.Many2one(
        "crm.followup.complaint.sla.policy", string="Policy", required=True, index=True, ondelete="cascade")
    metric = fields.Selection(METRICS, required=True, default="solution")
    target_hours = fields.Float(
        string="Target (working hours)", required=True, help="Counted on the policy's working hours.")

    _sql_constraints = [
        ("metric_uniq", "unique(policy_id, metric)", "A policy has one target per metric."),
    ]

    @api.constrains("target_hours")
    def _check_target_hours(self):
        for target in self:
            if target.target_hours <= 0:
                raise ValidationError(_("The target of %(metric)s in the policy %(policy)s must be more than 0 "
                                        "working hours: give the hours within which it is due.") % {
                                            "metric": dict(METRICS)[target.metric],
                                            "policy": target.policy_id.name})


class CrmFollowupComplaintSlaStep(models.Model):
    """A step of a policy's escalation ladder (升级): so many working hours after a target was
    missed, who is notified, and whether the complaint is handed to them."""

    _name = "crm.followup.complaint.sla.step"
    _description = "Complaint Escalation Step"
    _order = "policy_id, sequence, delay_hours, id"

    policy_id = fields.Many2one(
        "crm.followup.complaint.sla.policy", string="Policy", required=True, index=True, ondelete="cascade")
    sequence = fields.Integer(default=10)
    delay_hours = fields.Float(
        string="After (working hours)", default=0.0,
        help="Working hours after the target was missed: 0 notifies at once.")
    recipient = fields.Selection(RECIPIENTS, string="Notify", required=True, default="team_leader")
    user_id = fields.Many2one("res.users", string="User", help="The user notified when Notify is Named User.")
    reassign = fields.Boolean(string="Hand Over", help="The complaint is assigned to the person notified.")

    @api.constrains("recipient", "user_id", "delay_hours")
    def _check_step(self):
        for step in self:
            if step.recipient == "user" and not step.user_id:
                raise ValidationError(_("An escalation step of the policy %s notifies a named user: choose "
                                        "the user.") % step.policy_id.name)
            if step.delay_hours < 0:
                raise ValidationError(_("An escalation step of the policy %s comes after the target was missed: "
                                        "give 0 or more working hours.") % step.policy_id.name)

    def _recipient_for(self, complaint):
        """The user this step notifies for this complaint (an empty recordset if there is none): its
        team's leader, the sales manager of the customer's owner (the leader of their sales team), or
        the named user."""
        self.ensure_one()
        if self.recipient == "team_leader":
            return complaint.team_id.leader_id
        if self.recipient == "sales_manager":
            return complaint.customer_owner_id.sale_team_id.user_id
        return self.user_id
