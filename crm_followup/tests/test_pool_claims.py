from odoo.exceptions import AccessError, UserError, ValidationError

from .pool_common import PoolCase, days_ago


class TestPoolClaims(PoolCase):

    def _claim(self, user, partner):
        return partner.sudo(user).action_claim()

    def test_member_claims_with_contacts(self):
        self._claim(self.salesperson, self.pooled)
        self.assertEqual(self.pooled.user_id, self.salesperson)
        self.assertEqual(self.pooled_contact.user_id, self.salesperson, "the contacts follow")
        self.assertTrue(self.pooled.date_owner_received)
        log = self.Log.search([("partner_id", "=", self.pooled.id)])
        self.assertEqual((log.action, log.to_user_id, log.user_id, log.pool_id),
                         ("claim", self.salesperson, self.salesperson, self.pool))

    def test_pool_customer_is_claimed_before_it_is_followed_up(self):
        Record = self.env["crm.followup.record"].sudo(self.salesperson)
        vals = {"partner_id": self.pooled.id, "content": "电话了解需求",
                "method_id": self.env.ref("crm_followup.crm_followup_method_phone").id}
        with self.assertRaisesRegex(ValidationError, "claim it before following it up"), self.cr.savepoint():
            Record.create(vals)
        self.assertFalse(self.env["crm.followup.record"].search([("partner_id", "=", self.pooled.id)]))
        self._claim(self.salesperson, self.pooled)
        self.assertEqual(Record.create(vals).partner_id, self.pooled)

    def test_claimed_customer_cannot_be_claimed_again(self):
        self._claim(self.salesperson, self.pooled)
        with self.assertRaisesRegex(UserError, "already been claimed by 张伟"):
            self._claim(self.salesperson2, self.pooled)
        self.assertEqual(self.pooled.user_id, self.salesperson)

    def test_only_members_claim(self):
        with self.assertRaisesRegex(UserError, "not in a public pool you belong to"):
            self._claim(self.outsider, self.pooled)
        self.assertFalse(self.pooled.user_id)

    def test_team_members_are_pool_members(self):
        team = self.env["crm.team"].create({"name": "华南销售部", "member_ids": [(6, 0, [self.outsider.id])]})
        self.pool.member_team_ids = team
        self._claim(self.outsider, self.pooled)
        self.assertEqual(self.pooled.user_id, self.outsider)

    def test_daily_claim_limit(self):
        self.pool.daily_claim_limit = 1
        second = self._customer("深圳市盐田港集装箱服务公司", None, pool_id=self.pool.id)
        self._claim(self.salesperson, self.pooled)
        with self.assertRaisesRegex(UserError, "today's claim limit of 1"):
            self._claim(self.salesperson, second)
        self.assertFalse(second.user_id)

    def test_holding_cap_counts_owned_customers(self):
        self.pool.holding_cap = 1  # salesperson already owns self.customer
        with self.assertRaisesRegex(UserError, "already holds 1 customers"):
            self._claim(self.salesperson, self.pooled)
        self.assertFalse(self.pooled.user_id)

    def test_holding_cap_can_leave_out_won_customers(self):
        self.pool.holding_cap = 1
        self.env["crm.lead"].create({"name": "年度合同", "partner_id": self.customer.id,
                                     "type": "opportunity"}).action_set_won()
        self._claim(self.salesperson, self.pooled)
        self.assertEqual(self.pooled.user_id, self.salesperson)
        self.pool.cap_excludes_won = False
        third = self._customer("深圳市宝安机场物流公司", None, pool_id=self.pool.id)
        with self.assertRaises(UserError):
            self._claim(self.salesperson, third)

    def test_release_then_reclaim_block(self):
        self._claim(self.salesperson, self.pooled)
        reminder = self._activity(self.pooled_contact, self.salesperson)
        self.pooled.sudo(self.salesperson)._followup_release("客户暂无需求")
        self.assertFalse(self.pooled.user_id)
        self.assertFalse(self.pooled_contact.user_id)
        self.assertEqual(self.pooled.previous_user_id, self.salesperson)
        self.assertFalse(reminder.exists())
        log = self.Log.search([("partner_id", "=", self.pooled.id), ("action", "=", "release")])
        self.assertEqual((log.from_user_id, log.reason), (self.salesperson, "客户暂无需求"))
        with self.assertRaisesRegex(UserError, "released .* recently"):
            self._claim(self.salesperson, self.pooled)
        self._claim(self.salesperson2, self.pooled)  # a colleague may
        self.assertEqual(self.pooled.user_id, self.salesperson2)

    def test_reclaim_allowed_after_the_block(self):
        self._set(self.pooled, previous_user_id=self.salesperson.id, date_released=days_ago(8))
        self._claim(self.salesperson, self.pooled)
        self.assertEqual(self.pooled.user_id, self.salesperson)

    def test_release_needs_owner_and_reason(self):
        with self.assertRaisesRegex(UserError, "Only the owner"):
            self.customer2.sudo(self.salesperson)._followup_release("不想要")
        with self.assertRaisesRegex(UserError, "reason"):
            self.customer.sudo(self.salesperson)._followup_release("  ")
        self.assertEqual(self.customer2.user_id, self.salesperson2)
        self.assertEqual(self.customer.user_id, self.salesperson)

    def test_release_wizard(self):
        wizard = self.env["crm.followup.pool.release"].sudo(self.salesperson).with_context(
            active_ids=self.customer.ids).create({"reason": "转给同事跟进", "pool_id": self.other_pool.id})
        wizard.action_release()
        self.assertFalse(self.customer.user_id)
        self.assertEqual(self.customer.pool_id, self.other_pool)

    def test_assign_by_pool_admin(self):
        wizard = self.env["crm.followup.pool.assign"].sudo(self.manager).with_context(
            active_ids=self.pooled.ids).create({"user_id": self.salesperson2.id, "reason": "熟悉安防行业"})
        wizard.action_assign()
        self.assertEqual(self.pooled.user_id, self.salesperson2)
        log = self.Log.search([("partner_id", "=", self.pooled.id)])
        self.assertEqual((log.action, log.user_id, log.to_user_id), ("assign", self.manager, self.salesperson2))

    def test_assign_refused_for_salespeople_and_other_companies(self):
        with self.assertRaisesRegex(UserError, "Only a Follow-up Manager"):
            self.pooled.sudo(self.salesperson)._followup_take(self.salesperson2, "assign")
        with self.assertRaisesRegex(UserError, "cannot own customers"):
            self.pooled.sudo(self.manager)._followup_take(self.other_company_user, "assign")
        self.assertFalse(self.pooled.user_id)

    def test_handover_to_colleague(self):
        reminder = self._activity(self.customer, self.salesperson)
        contact = self.contact
        wizard = self.env["crm.followup.pool.handover"].sudo(self.manager).create({
            "from_user_id": self.salesperson.id, "target": "user", "to_user_id": self.salesperson2.id})
        self.assertEqual(wizard.customer_count, 1)
        wizard.action_handover()
        self.assertEqual(self.customer.user_id, self.salesperson2)
        self.assertEqual(contact.user_id, self.salesperson2)
        self.assertEqual(reminder.user_id, self.salesperson2, "open reminders go to the new owner")
        self.assertEqual(self.Log.search([("partner_id", "=", self.customer.id)]).action, "handover")

    def test_handover_into_pool(self):
        reminder = self._activity(self.customer, self.salesperson)
        self.env["crm.followup.pool.handover"].sudo(self.manager).create({
            "from_user_id": self.salesperson.id, "target": "pool", "pool_id": self.other_pool.id,
        }).action_handover()
        self.assertFalse(self.customer.user_id)
        self.assertEqual(self.customer.pool_id, self.other_pool)
        self.assertFalse(reminder.exists())

    def test_handover_is_for_managers(self):
        with self.assertRaises(UserError):
            self.env["crm.followup.pool.handover"].sudo(self.salesperson2).create({
                "from_user_id": self.salesperson.id, "target": "user", "to_user_id": self.salesperson2.id,
            }).action_handover()
        self.assertEqual(self.customer.user_id, self.salesperson)

    def test_bad_rule_configuration(self):
        for vals, message in [
            ({"no_followup_days": 0}, "at least one day"),
            ({"not_won_days": -5}, "at least one day"),
            ({"warning_days": 30}, "must come before"),
            ({"warning_days": 15}, "must come before"),  # the grade A line takes back after 15
            ({"holding_cap": -1}, "cannot be negative"),
            ({"daily_claim_limit": -1}, "cannot be negative"),
        ]:
            with self.assertRaisesRegex(ValidationError, message):
                with self.env.cr.savepoint():
                    self.pool.write(vals)
            self.pool.invalidate_cache()
        with self.assertRaisesRegex(ValidationError, "at least one day"):
            with self.env.cr.savepoint():
                self.pool.grade_rule_ids.no_followup_days = 0
        self.assertEqual(self.pool.no_followup_days, 30)

    def test_history_is_read_only(self):
        self._claim(self.salesperson, self.pooled)
        log = self.Log.sudo(self.salesperson).search([("partner_id", "=", self.pooled.id)])
        self.assertEqual(len(log), 1)
        with self.assertRaises(AccessError):
            log.write({"reason": "改写"})
        with self.assertRaises(AccessError):
            log.unlink()
        with self.assertRaises(AccessError):
            self.Log.sudo(self.manager).create({"action": "claim", "partner_id": self.pooled.id})

    def test_salesperson_sees_own_and_pool_customers_only(self):
        visible = self.Partner.sudo(self.salesperson).search([("is_followup_customer", "=", True)])
        self.assertIn(self.customer, visible)
        self.assertIn(self.pooled, visible)
        self.assertNotIn(self.customer2, visible, "a colleague's customer")
        self.assertNotIn(self.pooled, self.Partner.sudo(self.outsider).search([("id", "=", self.pooled.id)]))
        with self.assertRaises(AccessError):
            self.customer2.sudo(self.salesperson).read(["name"])
        # users' and companies' partners stay readable
        self.assertTrue(self.salesperson2.partner_id.sudo(self.salesperson).read(["name"]))
        managers_view = self.Partner.sudo(self.manager).search([("is_followup_customer", "=", True)])
        self.assertTrue(self.customer | self.customer2 | self.pooled <= managers_view)

    def test_contact_data_masked_in_pool(self):
        row = self.pooled.sudo(self.salesperson).read(["name", "phone", "email"])[0]
        self.assertEqual((row["name"], row["phone"], row["email"]),
                         ("深圳市坪山安泰保安服务有限公司", "138****5678", "z***@anti.example.com"))
        contact = self.pooled_contact.sudo(self.salesperson).read(["mobile"])[0]
        self.assertEqual(contact["mobile"], "139****3803")
        exported = self.pooled.sudo(self.salesperson).export_data(["name", "phone", "child_ids/mobile"])["datas"]
        self.assertEqual(exported[0][1], "138****5678")
        self.assertEqual(exported[0][2], "139****3803")
        self.assertEqual(self.pooled.sudo(self.manager).read(["phone"])[0]["phone"], "13812345678")
        self._claim(self.salesperson, self.pooled)
        self.assertEqual(self.pooled.sudo(self.salesperson).read(["phone"])[0]["phone"], "13812345678")


class TestMovesSayWhatHappened(PoolCase):
    """Claim, release, assignment and hand-over answer the web client with a notification that
    says, in the user's language, what happened (not only a card leaving the kanban)."""

    def _said(self, action):
        self.assertEqual((action["type"], action["tag"]), ("ir.actions.client", "crm_followup_notify"))
        return action["params"]["message"]

    def test_claim(self):
        said = self._said(self.pooled.sudo(self.salesperson).with_context(lang="zh_CN").action_claim())
        self.assertEqual(said, "%s 现在是您的客户了。" % self.pooled.name)

    def test_release(self):
        said = self._said(self.env["crm.followup.pool.release"].sudo(self.salesperson).with_context(
            lang="zh_CN", active_ids=self.customer.ids).create({"reason": "转给同事跟进"}).action_release())
        self.assertEqual(said, "已放回公海：%s。" % self.customer.name)

    def test_assign(self):
        said = self._said(self.env["crm.followup.pool.assign"].sudo(self.manager).with_context(
            lang="zh_CN", active_ids=self.pooled.ids).create({"user_id": self.salesperson2.id}).action_assign())
        self.assertEqual(said, "已分配给 %s：%s。" % (self.salesperson2.name, self.pooled.name))

    def test_handover(self):
        said = self._said(self.env["crm.followup.pool.handover"].sudo(self.manager).with_context(lang="zh_CN").create({
            "from_user_id": self.salesperson.id, "target": "user", "to_user_id": self.salesperson2.id,
        }).action_handover())
        self.assertEqual(said, "%s 的 1 个客户已交接给 %s。" % (self.salesperson.name, self.salesperson2.name))

    def test_many_customers_are_counted_after_three_names(self):
        partners = self.env["res.partner"]
        for i in range(5):
            partners |= self.env["res.partner"].create({"name": "客户%d" % i})
        self.assertEqual(partners.with_context(lang="zh_CN")._followup_names(), "客户0, 客户1, 客户2 及另外 2 个客户")
        self.assertEqual(partners[:3]._followup_names(), "客户0, 客户1, 客户2")
