from .common import FollowupCase


class ComplaintCase(FollowupCase):
    """A complaint team of two handlers, a manager's leader, and a catch-all assignment rule."""

    @classmethod
    def setUpClass(cls):
        super(ComplaintCase, cls).setUpClass()
        # messages are asserted in English here (tests/test_e2e_complaint.py sees them in Chinese)
        cls.env = cls.env(context=dict(cls.env.context, lang="en_US"))
        cls.customer, cls.customer2, cls.contact = (
            r.with_env(cls.env) for r in (cls.customer, cls.customer2, cls.contact))
        cls.Complaint = cls.env["crm.followup.complaint"]
        cls.handler = cls._user("cs_zhou", "周敏", cls.sales)
        cls.handler2 = cls._user("cs_wu", "吴静", cls.sales)
        cls.team = cls.env["crm.followup.complaint.team"].create({
            "name": "华南客服组", "leader_id": cls.manager.id, "assign_method": "turn",
            "member_ids": [(6, 0, [cls.handler.id, cls.handler2.id])]})
        cls.env["crm.followup.complaint.rule"].search([]).unlink()
        cls.catch_all = cls.env["crm.followup.complaint.rule"].create({
            "name": "所有投诉", "sequence": 100, "team_id": cls.team.id})
        cls.quality = cls.env.ref("crm_followup.crm_followup_complaint_category_quality")
        cls.delivery = cls.env.ref("crm_followup.crm_followup_complaint_category_delivery")
        cls.phone = cls.env.ref("crm_followup.crm_followup_complaint_channel_phone")
        cls.stage = {s.state: s for s in cls.env["crm.followup.complaint.stage"].search([])}
        cls.cause = cls.env.ref("crm_followup.crm_followup_complaint_cause_product")

    @classmethod
    def _complaint(cls, customer, user=None, **vals):
        """A complaint registered by `user` (default: the customer's owner)."""
        vals.setdefault("subject", "贴片元件批次不良")
        vals.setdefault("category_id", cls.quality.id)
        vals.setdefault("channel_id", cls.phone.id)
        vals["partner_id"] = customer.id
        return cls.Complaint.sudo(user or customer.user_id).create(vals)
