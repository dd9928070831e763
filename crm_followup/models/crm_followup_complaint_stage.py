from odoo import fields, models

# What a stage means to the rules, whatever its name (stages are configurable).
STAGE_STATES = [
    ("new", "New"),
    ("in_progress", "In Progress"),
    ("waiting", "Waiting for Customer"),
    ("solved", "Solved"),
    ("closed", "Closed"),
    ("cancelled", "Cancelled"),
]
# A complaint in these states is still being worked (its assignee's load, the customer's open complaints).
OPEN_STATES = ("new", "in_progress", "waiting")
# A complaint in these states has been solved: it says why and how.
SOLVED_STATES = ("solved", "closed")


class CrmFollowupComplaintStage(models.Model):
    """A stage of the complaint flow (投诉阶段): new → in progress → waiting for customer → solved →
    closed, or cancelled. Managers rename, add and reorder stages; each says which step of the flow
    it is (its state), which is what the rules read."""

    _name = "crm.followup.complaint.stage"
    _description = "Complaint Stage"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    state = fields.Selection(
        STAGE_STATES, required=True, default="in_progress",
        help="The step of the complaint flow this stage is: a solved or closed complaint must give its "
             "root cause and resolution.")
    fold = fields.Boolean(string="Folded in Kanban")
    sla_paused = fields.Boolean(
        string="Pauses Service Levels",
        help="The service level clock stops while a complaint is in this stage (waiting for the customer) and "
             "resumes with the working time already consumed when it leaves it.")
    active = fields.Boolean(default=True)
