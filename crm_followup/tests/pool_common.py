from datetime import datetime, timedelta

from odoo import fields

from .common import FollowupCase


def days_ago(days):
    return fields.Datetime.to_string(datetime.utcnow() - timedelta(days=days))


class PoolCase(FollowupCase):
    """A pool whose members are the two salespeople, administered by the manager, with the
    no-follow-up rule on (30 days, 15 for grade A) and a few customers in it."""

    @classmethod
    def setUpClass(cls):
        super(PoolCase, cls).setUpClass()
        # messages are asserted in English here (tests/test_e2e_pool.py sees them in Chinese)
        cls.env = cls.env(context=dict(cls.env.context, lang="en_US"))
        cls.customer, cls.customer2, cls.contact = (
            r.with_env(cls.env) for r in (cls.customer, cls.customer2, cls.contact))
        cls.Partner = cls.env["res.partner"]
        cls.Log = cls.env["crm.followup.pool.log"]
        cls.outsider = cls._user("sp_zhao", "赵磊", cls.sales)
        cls.pool = cls.env["crm.followup.pool"].create({
            "name": "深圳公海",
            "admin_ids": [(6, 0, [cls.manager.id])],
            "member_user_ids": [(6, 0, [cls.salesperson.id, cls.salesperson2.id])],
            "takeback_active": True,
            "rule_no_followup": True, "no_followup_days": 30,
            "rule_no_opportunity": False, "rule_not_won": False,
            "warning_days": 3, "reclaim_block_days": 7, "daily_claim_limit": 0, "holding_cap": 0,
            "grade_rule_ids": [(0, 0, {"grade_id": cls.grade_a.id, "no_followup_days": 15,
                                       "no_opportunity_days": 30, "not_won_days": 60})],
        })
        cls.other_pool = cls.env["crm.followup.pool"].create({
            "name": "广州公海", "member_user_ids": [(6, 0, [cls.outsider.id])]})
        cls.pooled = cls._customer("深圳市坪山安泰保安服务有限公司", None, cls.grade_c,
                                   pool_id=cls.pool.id, phone="13812345678", email="zhang@anti.example.com")
        cls.pooled_contact = cls.Partner.create({
            "name": "杜敏", "parent_id": cls.pooled.id, "mobile": "13965693803", "email": "dumin@163.com"})
        cls.customer.pool_id = cls.pool
        cls.customer2.pool_id = cls.pool

    @classmethod
    def _set(cls, partner, **vals):
        """Write the follow-up dates directly, as issue 3's code would have maintained them."""
        for name, value in vals.items():
            cls.env.cr.execute("UPDATE res_partner SET {} = %s WHERE id = %s".format(name), [value, partner.id])
        partner.invalidate_cache()

    def _owned(self, name, user, received_days, last_days=None, grade=None, **vals):
        partner = self._customer(name, user, grade or self.grade_c, pool_id=self.pool.id, **vals)
        self._set(partner, date_owner_received=days_ago(received_days),
                  last_followup_date=days_ago(last_days) if last_days is not None else None)
        return partner

    def _takeback(self, **kw):
        return self.pool._takeback(fields.Datetime.now(), **kw)

    def _activity(self, partner, user, summary="回访"):
        return self.env["mail.activity"].create({
            "res_model_id": self.env["ir.model"]._get("res.partner").id, "res_id": partner.id,
            "activity_type_id": self.env.ref("mail.mail_activity_data_call").id,
            "summary": summary, "user_id": user.id, "date_deadline": fields.Date.today()})
