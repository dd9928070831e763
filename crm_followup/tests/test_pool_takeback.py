from odoo import fields

from .pool_common import PoolCase, days_ago


class TestPoolTakeback(PoolCase):

    def test_no_followup_rule_takes_back_neglected_customers(self):
        due = self._owned("东莞市长安精密模具厂", self.salesperson, received_days=90, last_days=31)
        fresh = self._owned("深圳市南山云帆科技有限公司", self.salesperson, received_days=90, last_days=5)
        self.assertEqual(self._takeback(), 1)
        self.assertFalse(due.user_id)
        self.assertEqual(due.pool_id, self.pool)
        self.assertEqual(due.previous_user_id, self.salesperson)
        self.assertTrue(due.date_released)
        self.assertEqual(fresh.user_id, self.salesperson)

    def test_period_counts_from_the_later_of_followup_and_receipt(self):
        # last follow-up long ago by the former owner, but received 5 days ago: not due
        received = self._owned("惠州市仲恺光电有限公司", self.salesperson, received_days=5, last_days=200)
        never = self._owned("深圳市宝安鑫达塑胶制品厂", self.salesperson, received_days=31)
        self._takeback()
        self.assertEqual(received.user_id, self.salesperson)
        self.assertFalse(never.user_id, "no follow-up at all for 31 days")

    def test_days_per_grade(self):
        key = self._owned("深圳市福田华强电子有限公司", self.salesperson, 20, 20, grade=self.grade_a)
        normal = self._owned("深圳市福田华强五金店", self.salesperson, 20, 20, grade=self.grade_c)
        self._takeback()
        self.assertFalse(key.user_id, "grade A is taken back after 15 days")
        self.assertEqual(normal.user_id, self.salesperson, "grade C keeps the pool's 30 days")
        self.assertEqual(self.Log.search([("partner_id", "=", key.id)]).rule, "no_followup")

    def test_no_opportunity_rule(self):
        self.pool.write({"rule_no_followup": False, "rule_no_opportunity": True, "no_opportunity_days": 60,
                         "exempt_open_opportunities": False})
        old = self._owned("佛山市顺德美居家具有限公司", self.salesperson, 100, 1)
        recent = self._owned("佛山市南海恒泰铝业有限公司", self.salesperson, 100, 1)
        lead_old = self._lead(old, "老项目")
        self.env.cr.execute("UPDATE crm_lead SET create_date = %s WHERE id = %s", [days_ago(70), lead_old.id])
        self._lead(recent, "新项目")
        self._takeback()
        self.assertFalse(old.user_id)
        self.assertEqual(recent.user_id, self.salesperson)
        self.assertEqual(self.Log.search([("partner_id", "=", old.id)]).rule, "no_opportunity")

    def test_not_won_rule(self):
        self.pool.write({"rule_no_followup": False, "rule_not_won": True, "not_won_days": 90,
                         "exempt_won": False, "exempt_open_opportunities": False})
        lost = self._owned("中山市小榄五金制品厂", self.salesperson, 100, 1)
        won = self._owned("中山市古镇灯饰有限公司", self.salesperson, 100, 1)
        self._lead(won, "灯具订单").action_set_won()
        self._takeback()
        self.assertFalse(lost.user_id)
        self.assertEqual(won.user_id, self.salesperson)

    def test_exemptions(self):
        open_opp = self._owned("珠海市香洲海鸿游艇有限公司", self.salesperson, 90, 60)
        self._lead(open_opp, "游艇配件")
        won = self._owned("珠海市金湾格力电器配件厂", self.salesperson, 90, 60)
        self._lead(won, "空调配件").action_set_won()
        locked = self._owned("江门市蓬江华丰纸业有限公司", self.salesperson, 90, 60, followup_locked=True)
        self._takeback()
        self.assertEqual((open_opp | won | locked).mapped("user_id"), self.salesperson)
        self.pool.write({"exempt_open_opportunities": False, "exempt_won": False})
        self._takeback()
        self.assertFalse((open_opp | won).mapped("user_id"))
        self.assertEqual(locked.user_id, self.salesperson, "a locked customer is never taken back")

    def test_won_by_stage_counts_everywhere(self):
        """A deal dragged into the Won stage is won for the take-back exemption, the
        lifecycle suggestion and the follow-ups-before-first-deal report alike."""
        won_stage = self.env["crm.stage"].search([("probability", "=", 100), ("on_change", "=", True)], limit=1)
        customer = self._owned("江门市新会陈皮村实业有限公司", self.salesperson, 90, 60)
        self._lead(customer, "陈皮礼盒").write({"stage_id": won_stage.id})
        self._takeback()
        self.assertEqual(customer.user_id, self.salesperson)
        customer.invalidate_cache()
        self.assertNotEqual(customer.lifecycle_suggestion, "acquisition")
        self.assertTrue(self.env["crm.followup.deal.report"].search([("partner_id", "=", customer.id)]))

    def test_contacts_and_reminders_follow_the_customer(self):
        due = self._owned("深圳市龙岗宏达物流有限公司", self.salesperson, 90, 60)
        contact = self.Partner.create({"name": "黄静", "parent_id": due.id, "mobile": "13600001111"})
        self.assertEqual(contact.user_id, self.salesperson, "a new contact takes its company's owner")
        mine = self._activity(contact, self.salesperson)
        other = self._activity(due, self.salesperson2, "财务对账")
        self._takeback()
        self.assertFalse(contact.user_id)
        self.assertEqual(contact.pool_id, self.pool)
        self.assertFalse(mine.exists(), "the former owner's reminder is closed")
        self.assertTrue(other.exists(), "someone else's reminder stays")
        self.assertIn("公海", contact.message_ids[0].body)

    def test_history_row_per_takeback(self):
        due = self._owned("深圳市光明新区康达医疗器械有限公司", self.salesperson, 90, 60)
        self._takeback()
        log = self.Log.search([("partner_id", "=", due.id)])
        self.assertEqual((log.action, log.from_user_id, log.to_user_id.id, log.pool_id, log.rule),
                         ("takeback", self.salesperson, False, self.pool, "no_followup"))
        self.assertTrue(log.date and log.company_id)

    def test_interrupted_run_finishes_without_doing_anything_twice(self):
        due = [self._owned("东莞市虎门服装厂%d" % i, self.salesperson, 90, 60) for i in range(5)]
        rule = self.pool._rules()[0]
        # a run killed after its first (committed) slice, holding two of them ...
        self.assertEqual(len(self.pool._takeback_batch(rule, fields.Datetime.now(), 0, due[1].id)), 2)
        # ... the next run finishes the job
        self.assertEqual(self._takeback(), 3)
        self.assertEqual(self._takeback(), 0)
        for partner in due:
            self.assertFalse(partner.user_id)
            self.assertEqual(self.Log.search_count([("partner_id", "=", partner.id), ("action", "=", "takeback")]), 1)

    def test_batches_walk_all_due_customers(self):
        due = [self._owned("东莞市长安五金厂%d" % i, self.salesperson, 90, 60) for i in range(5)]
        kept = self._owned("东莞市长安电子厂", self.salesperson, 90, 3)
        self.assertEqual(self.pool._takeback(fields.Datetime.now(), batch=2), 5)  # slices of 2 ids
        self.assertFalse(any(p.user_id for p in due))
        self.assertEqual(kept.user_id, self.salesperson)

    def test_warning_once_per_cycle(self):
        soon = self._owned("深圳市罗湖金丰珠宝有限公司", self.salesperson, 90, 28)
        self._takeback()
        self._takeback()
        reminders = self.env["mail.activity"].search([("res_model", "=", "res.partner"), ("res_id", "=", soon.id)])
        self.assertEqual(len(reminders), 1)
        self.assertEqual(reminders.user_id, self.salesperson)
        self.assertEqual(soon.user_id, self.salesperson)
        # a follow-up starts a new cycle: the next time it is near, a new warning
        self.Log.search([("partner_id", "=", soon.id)]).sudo()._write({"date": days_ago(40)})
        self._set(soon, last_followup_date=days_ago(28))
        self._takeback()
        self.assertEqual(self.Log.search_count([("partner_id", "=", soon.id), ("action", "=", "warning")]), 2)

    def test_preview_lists_what_would_be_taken_back(self):
        self.pool.takeback_active = False
        due = self._owned("深圳市坪山比亚迪配件厂", self.salesperson, 90, 60)
        self._owned("深圳市坪山新能源有限公司", self.salesperson, 90, 2)
        self.assertEqual(self.pool.preview_count, 1)
        self.assertEqual(self.pool.customer_count, 1, "the unowned customer waiting in the pool")
        action = self.pool.action_preview()
        self.assertEqual(self.Partner.search(action["domain"]), due)
        self.assertEqual(due.user_id, self.salesperson, "a preview changes nothing")

    def test_days_to_takeback_badge_and_filter(self):
        soon = self._owned("广州市白云区云山皮具厂", self.salesperson, 90, 25)
        later = self._owned("广州市番禺区祥和酒店用品厂", self.salesperson, 90, 1)
        self.assertIn(soon.days_to_takeback, (4, 5))
        self.assertTrue(soon.followup_takeback_date)
        self.assertIn(later.days_to_takeback, (28, 29))
        within_week = self.Partner.search([("days_to_takeback", "<=", 7), ("user_id", "=", self.salesperson.id)])
        self.assertIn(soon, within_week)
        self.assertNotIn(later, within_week)

    def test_takeback_queries_do_not_grow_with_customers(self):
        """Nor with their open reminders: closing them one by one through the ORM cost ~20
        queries each (430 000 queries for 20 000 customers in bench_pool)."""
        def queries(n, tag):
            for i in range(n):
                self._activity(self._owned("%s%d" % (tag, i), self.salesperson, 90, 60), self.salesperson)
            before = self.env.cr.sql_log_count
            self._takeback()
            return self.env.cr.sql_log_count - before
        queries(1, "东莞丙")  # warm the caches
        self.assertEqual(queries(3, "东莞甲"), queries(30, "东莞乙"))

    def _lead(self, partner, name):
        return self.env["crm.lead"].create({"name": name, "partner_id": partner.id, "type": "opportunity",
                                            "user_id": partner.user_id.id})
