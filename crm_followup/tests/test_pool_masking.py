from odoo.exceptions import UserError

from .pool_common import PoolCase


class TestPoolMasking(PoolCase):
    """A pool customer's phone, mobile and e-mail stay hidden from a pool member on every ORM
    path, not only in read; its owner, the pool administrator and managers see them."""

    @classmethod
    def setUpClass(cls):
        super(TestPoolMasking, cls).setUpClass()
        cls.customer.write({"phone": "0755-26688888", "email": "hx@huaxin.example.cn"})
        cls.env["res.users"].invalidate_cache()

    def as_member(self, records):
        return records.sudo(self.salesperson)

    # ---- reading through other paths ---------------------------------------------------

    def test_every_read_path_gets_the_masked_value(self):
        pooled = self.as_member(self.pooled)
        self.assertEqual((pooled.phone, pooled.email), ("138****5678", "z***@anti.example.com"))
        self.assertTrue(pooled.followup_contact_masked)
        contact = self.as_member(self.pooled_contact)
        self.assertEqual(contact.email_formatted, "杜敏 <d***@163.com>")
        self.assertEqual(contact.with_context(show_email=True).name_get()[0][1],
                         "深圳市坪山安泰保安服务有限公司, 杜敏 <d***@163.com>")
        self.assertEqual(pooled.read(["email_formatted"])[0]["email_formatted"],
                         "深圳市坪山安泰保安服务有限公司 <z***@anti.example.com>")
        # superuser code in the same transaction still reads the real values
        self.assertEqual(self.pooled.sudo().phone, "13812345678")
        self.assertIn("dumin@163.com", self.pooled_contact.sudo().email_formatted)
        # the owner sees their own customer's data; the manager (pool administrator) all
        self.assertEqual(self.customer.sudo(self.salesperson).phone, "0755-26688888")
        self.assertFalse(self.customer.sudo(self.salesperson).followup_contact_masked)
        self.assertEqual(self.pooled.sudo(self.manager).phone, "13812345678")

    def test_opportunity_onchange_and_related_fields(self):
        Lead = self.env["crm.lead"].sudo(self.salesperson)
        values = Lead._onchange_partner_id_values(self.pooled_contact.id)
        self.assertEqual((values["mobile"], values["email_from"]), ("139****3803", "d***@163.com"))
        lead = Lead.create({"name": "安防升级", "partner_id": self.pooled_contact.id,
                            "email_from": values["email_from"], "mobile": values["mobile"]})
        self.assertEqual(lead.partner_address_email, "d***@163.com", "crm's related field reads as superuser")
        self.assertFalse(lead.sudo().email_from or lead.sudo().mobile, "no masked junk saved on the lead")
        lead = Lead.with_context(default_partner_id=self.pooled.id).create({"name": "门禁"})
        self.assertFalse(lead.sudo().email_from)
        # the owner's opportunity keeps the real data
        own = self.env["crm.lead"].sudo(self.salesperson).create({
            "name": "扩容", "partner_id": self.customer.id, "email_from": "hx@huaxin.example.cn"})
        self.assertEqual(own.email_from, "hx@huaxin.example.cn")
        self.assertEqual(own.partner_address_email, "hx@huaxin.example.cn")

    def test_unassigned_opportunity_of_a_pool_customer(self):
        lead = self.env["crm.lead"].create({"name": "官网询价", "partner_id": self.pooled_contact.id, "user_id": False,
                                            "email_from": "dumin@163.com", "phone": "13965693803"})
        seen = lead.sudo(self.salesperson).read(["email_from", "phone"])[0]
        self.assertEqual((seen["email_from"], seen["phone"]), ("d***@163.com", "139****3803"))
        Lead = self.env["crm.lead"].sudo(self.salesperson)
        self.assertFalse(Lead.search([("phone", "=", "13965693803")]))
        self.assertFalse(Lead.search([("email_from", "ilike", "dumin")]))
        self.assertEqual(self.env["crm.lead"].sudo(self.manager).search([("phone", "=", "13965693803")]), lead)

    def test_copy_and_write_of_hidden_data_refused(self):
        with self.assertRaises(UserError):
            self.as_member(self.pooled).copy()
        with self.assertRaises(UserError):
            self.as_member(self.pooled_contact).write({"mobile": "139****3803"})
        self.assertEqual(self.pooled_contact.sudo().mobile, "13965693803")
        with self.assertRaisesRegex(UserError, "claim it"):  # nor any other field (ownership rule)
            self.as_member(self.pooled).write({"comment": "看过"})

    # ---- searching, grouping, ordering --------------------------------------------------

    def test_search_finds_only_unmasked_customers(self):
        Partner = self.as_member(self.Partner)
        for domain in ([("phone", "=", "13812345678")], [("phone", "=like", "1381%")],
                       [("phone", "ilike", "2345")], [("email", "=ilike", "zhang@anti.example.com")],
                       [("child_ids.mobile", "=", "13965693803")],
                       [("child_ids.email", "ilike", "dumin")], [("mobile", "=", "13965693803")]):
            self.assertFalse(Partner.search(domain), domain)
        # whatever the guess, a leaf never matches the masked customer and a negated leaf always does
        for guess in ("13812345678", "0"):
            self.assertFalse(Partner.search([("id", "=", self.pooled.id), ("phone", "!=", guess)]))
            self.assertEqual(Partner.search([("id", "=", self.pooled.id), "!", ("phone", "=", guess)]), self.pooled)
        self.assertEqual(Partner.search([("phone", "=", "0755-26688888")]), self.customer)
        self.assertEqual(Partner.search([("name", "=", self.pooled.name)]), self.pooled)
        self.assertEqual(self.Partner.sudo(self.manager).search([("phone", "=", "13812345678")]), self.pooled)
        Lead = self.env["crm.lead"].sudo(self.salesperson)
        lead = Lead.create({"name": "安防", "partner_id": self.pooled.id})
        self.assertFalse(Lead.search([("partner_id.phone", "=", "13812345678")]))
        self.assertFalse(Lead.search([("partner_address_email", "=", "zhang@anti.example.com")]))
        self.assertEqual(Lead.search([("partner_id.name", "=", self.pooled.name)]), lead)

    def test_name_search_by_hidden_email(self):
        Partner = self.as_member(self.Partner).with_context(show_email=True)
        self.assertFalse(Partner.name_search("zhang@anti"))
        self.assertEqual(Partner.name_search("坪山安泰"), [
            (self.pooled.id, "深圳市坪山安泰保安服务有限公司 <z***@anti.example.com>"),
            (self.pooled_contact.id, "深圳市坪山安泰保安服务有限公司, 杜敏 <d***@163.com>")])
        self.assertTrue(self.Partner.sudo(self.manager).name_search("zhang@anti"))

    def test_group_and_order_by_hidden_data(self):
        Partner = self.as_member(self.Partner)
        domain = [("id", "in", (self.pooled | self.customer).ids)]
        groups = Partner.read_group(domain, ["phone"], ["phone"])
        self.assertEqual([g["phone"] for g in groups], ["0755-26688888"])
        groups = Partner.read_group(domain, ["email", "name"], ["name", "email"], lazy=False)
        self.assertEqual([g["email"] for g in groups], ["hx@huaxin.example.cn"])
        # ordered as if empty: the position among known numbers would give the digits away
        self.customer2.sudo().write({"user_id": self.salesperson.id, "phone": "19900000000"})
        ids = (self.pooled | self.customer | self.customer2).ids
        for order in ("phone", "phone desc"):
            ordered = Partner.search([("id", "in", ids)], order=order + ", id")
            nulls_last = order == "phone"
            self.assertEqual(ordered[-1 if nulls_last else 0], self.pooled, order)
        self.assertEqual(self.Partner.sudo(self.manager).search([("id", "in", ids)], order="phone").ids,
                         [self.customer.id, self.pooled.id, self.customer2.id])

    # ---- mail and calendar ---------------------------------------------------------------

    def test_chatter_recipients_and_attendees(self):
        pooled = self.as_member(self.pooled)
        suggested = pooled.message_get_suggested_recipients()[self.pooled.id]
        self.assertEqual([s[1] for s in suggested], ["深圳市坪山安泰保安服务有限公司<z***@anti.example.com>"])
        lead = self.env["crm.lead"].sudo(self.salesperson).create({"name": "猜", "email_from": "zhang@anti.example.com"})
        info = lead.message_partner_info_from_emails(["zhang@anti.example.com"])
        self.assertFalse(info[0]["partner_id"], "a guessed address is not confirmed")
        suggested = lead.message_get_suggested_recipients()[lead.id]
        self.assertEqual([s[:2] for s in suggested if s[2] == "Customer Email"], [(False, "zhang@anti.example.com")])
        event = self.env["calendar.event"].sudo(self.salesperson).with_context(no_mail_to_attendees=True).create({
            "name": "拜访", "start": "2026-12-01 02:00:00", "stop": "2026-12-01 03:00:00",
            "partner_ids": [(6, 0, [self.pooled_contact.id, self.salesperson.partner_id.id])]})
        attendee = event.attendee_ids.filtered(lambda a: a.partner_id == self.pooled_contact)
        self.assertEqual(attendee.email, "d***@163.com")
        self.assertEqual(attendee.sudo().email, "dumin@163.com", "the invitation reaches the real address")
        Attendee = self.env["calendar.attendee"].sudo(self.salesperson)
        self.assertFalse(Attendee.search([("email", "=", "dumin@163.com")]))
        self.assertTrue(Attendee.search([("email", "=", self.salesperson.email)]))

    def test_received_mail_and_followers(self):
        message = self.pooled.message_post(body="请报价", author_id=self.pooled_contact.id, message_type="email",
                                           email_from='"杜敏" <dumin@163.com>')
        self.assertEqual(message.sudo(self.salesperson).email_from, '"杜敏" <d***@163.com>')
        self.assertEqual(message.sudo(self.salesperson).message_format()[0]["email_from"], '"杜敏" <d***@163.com>')
        Message = self.env["mail.message"].sudo(self.salesperson)
        self.assertFalse(Message.search([("email_from", "ilike", "dumin@")]))
        self.assertEqual(self.env["mail.message"].search([("email_from", "ilike", "dumin@")]), message)

    def test_claim_shows_the_real_data_at_once(self):
        pooled = self.as_member(self.pooled)
        self.assertEqual(pooled.phone, "138****5678")
        pooled.action_claim()
        self.assertEqual(pooled.phone, "13812345678")
        self.assertEqual(pooled.child_ids.mobile, "13965693803")
        self.assertEqual(self.as_member(self.Partner).search([("phone", "=", "13812345678")]), self.pooled)

    def test_own_customer_list_needs_no_masking_query(self):
        Partner = self.as_member(self.Partner)
        domain = [("user_id", "=", self.salesperson.id), ("is_company", "=", True)]

        def queries(fields):
            Partner.search_read(domain, fields)  # warm-up: groups, rules
            Partner.invalidate_cache()
            count0 = self.cr.sql_log_count
            rows = Partner.search_read(domain, fields)
            self.assertEqual(rows[0].get("phone", "0755-26688888"), "0755-26688888")
            return self.cr.sql_log_count - count0

        self.assertEqual(queries(["name", "phone", "mobile"]), queries(["name", "city"]))
