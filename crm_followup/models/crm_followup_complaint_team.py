from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from .complaint_rules import least_loaded, next_in_turn
from .crm_followup_complaint_stage import OPEN_STATES


class CrmFollowupComplaintTeam(models.Model):
    """A team that handles complaints (投诉处理组): its members take the complaints the
    assignment rules route to it, by load or in turn."""

    _name = "crm.followup.complaint.team"
    _description = "Complaint Team"
    _order = "name, id"

    name = fields.Char(required=True, translate=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.user.company_id)
    leader_id = fields.Many2one("res.users", string="Team Leader")
    member_ids = fields.Many2many(
        "res.users", "crm_followup_complaint_team_member_rel", "team_id", "user_id", string="Members",
        help="Who handles the team's complaints.")
    assign_method = fields.Selection([
        ("load", "By load"),
        ("turn", "In turn"),
    ], string="Assignment", required=True, default="load",
        help="By load: the member with the fewest open complaints. In turn: one member after the other.")
    last_assigned_id = fields.Many2one(
        "res.users", string="Last Assigned", readonly=True, copy=False,
        help="The member who got the team's last complaint (in turn, the next one goes to the member after).")
    active = fields.Boolean(default=True)

    @api.constrains("company_id", "member_ids", "leader_id")
    def _check_members_company(self):
        for team in self:
            strangers = (team.member_ids | team.leader_id).filtered(
                lambda user: team.company_id not in user.company_ids)
            if strangers:
                raise ValidationError(_(
                    "%(users)s cannot handle complaints of %(company)s: they are not members of that company. "
                    "Add the company to their user or choose other members.") % {
                        "users": ", ".join(strangers.mapped("name")), "company": team.company_id.name})

    def _pick_assignee(self):
        """The member who gets the team's next complaint (an empty recordset if the team has none)."""
        self.ensure_one()
        # one assignment of this team at a time: two complaints registered at the same moment
        # do not both go to the same "next" member
        self.env.cr.execute("SELECT id FROM crm_followup_complaint_team WHERE id = %s FOR UPDATE", [self.id])
        team = self.sudo()
        member_ids = sorted(team.member_ids.filtered("active").ids)
        if team.assign_method == "turn":
            user_id = next_in_turn(member_ids, team.last_assigned_id.id)
        else:
            user_id = least_loaded(member_ids, self._open_counts(member_ids))
        if user_id:
            self.env.cr.execute("UPDATE crm_followup_complaint_team SET last_assigned_id = %s WHERE id = %s",
                                [user_id, self.id])
            self.invalidate_cache(["last_assigned_id"], self.ids)
        return self.env["res.users"].browse(user_id or [])

    @api.model
    def _open_counts(self, user_ids):
        """{user id: number of open complaints assigned to them}, in one query."""
        if not user_ids:
            return {}
        self.env.cr.execute("""
            SELECT c.user_id, COUNT(*)
              FROM crm_followup_complaint_ticket c
              JOIN crm_followup_complaint_stage s ON s.id = c.stage_id
             WHERE c.user_id = ANY(%s) AND s.state IN %s
             GROUP BY c.user_id""", [list(user_ids), OPEN_STATES])
        return dict(self.env.cr.fetchall())
