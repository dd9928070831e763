from odoo.exceptions import UserError

from .pool_common import PoolCase, days_ago

OWNER_ONLY_BY_ACTIONS = "changes only through the public pool's actions"
KEPT = "is kept by the public pool"


class TestOwnershipGuard(PoolCase):
    """Owner, pool, lock, previous owner, dates and follow-up figures change only through the
    pool's actions: every other write by a user is refused, and nothing is saved."""

    def as_(self, user, partner):
        return partner.sudo(user)

    def assertRefused(self, message, partner, vals, user=None):
        with self.assertRaisesRegex(UserError, message), self.cr.savepoint():
            self.as_(user or self.salesperson, partner).write(vals)

    def test_salesperson_cannot_take_a_pool_customer_by_writing_the_owner(self):
        self.assertRefused(OWNER_ONLY_BY_ACTIONS, self.pooled, {"user_id": self.salesperson.id})
        self.assertRefused(OWNER_ONLY_BY_ACTIONS, self.pooled_contact, {"user_id": self.salesperson.id})
        self.assertFalse(self.pooled.user_id)
        self.assertFalse(self.Log.search([("partner_id", "=", self.pooled.id)]), "no claim was logged")

    def test_salesperson_cannot_give_a_pool_customer_to_a_colleague(self):
        self.assertRefused(OWNER_ONLY_BY_ACTIONS, self.pooled, {"user_id": self.salesperson2.id})
        self.assertFalse(self.pooled.user_id)

    def test_salesperson_cannot_release_silently_by_emptying_the_owner(self):
        self.assertRefused(OWNER_ONLY_BY_ACTIONS, self.customer, {"user_id": False})
        self.assertEqual(self.customer.user_id, self.salesperson)

    def test_manager_assigns_through_the_action_not_by_writing(self):
        self.assertRefused("a Follow-up Manager can Assign it", self.pooled, {"user_id": self.salesperson.id},
                           user=self.manager)
        self.assertFalse(self.pooled.user_id)

    def test_salesperson_cannot_move_a_customer_into_another_pool(self):
        self.assertRefused("use Release to Pool", self.customer, {"pool_id": self.other_pool.id})
        self.assertEqual(self.customer.pool_id, self.pool)

    def test_salesperson_cannot_lock_their_own_customer(self):
        self.assertRefused("can lock or unlock", self.customer, {"followup_locked": True})
        self.assertFalse(self.customer.followup_locked)

    def test_reclaim_block_cannot_be_dodged_by_clearing_previous_owner_or_release_date(self):
        self.customer.sudo(self.salesperson)._followup_release("客户暂无需求")
        self.assertEqual(self.customer.previous_user_id, self.salesperson)
        for vals in ({"previous_user_id": False}, {"date_released": False},
                     {"date_released": days_ago(30)}):
            self.assertRefused(KEPT, self.customer, vals)
        self.assertEqual(self.customer.previous_user_id, self.salesperson)
        with self.assertRaisesRegex(UserError, "released .* recently"):
            self.customer.sudo(self.salesperson).action_claim()

    def test_take_back_dates_and_follow_up_figures_cannot_be_rewritten(self):
        self.assertRefused(KEPT, self.customer, {"date_owner_received": days_ago(-1)})
        for vals in ({"last_followup_date": days_ago(0)}, {"next_followup_date": days_ago(-3)},
                     {"followup_count": 12}):
            self.assertRefused("log a follow-up instead", self.customer, vals)
        self.assertRefused(KEPT, self.contact, {"birthday_reminded_year": 2099})
        self.assertFalse(self.customer.last_followup_date)

    def test_salesperson_cannot_hide_their_customer_from_take_back(self):
        for vals in ({"active": False}, {"customer": False}):
            self.assertRefused("release it to the pool", self.customer, vals)
        self.assertTrue(self.customer.active and self.customer.customer)
        self.customer.sudo(self.manager).write({"active": False})
        self.assertFalse(self.customer.active, "a manager may")

    def test_a_value_sent_again_unchanged_is_no_change(self):
        """A form or an import sends the owner again with the other fields: that is allowed."""
        self.as_(self.salesperson, self.customer).write({"user_id": self.salesperson.id, "pool_id": self.pool.id,
                                                         "followup_locked": False, "city": "深圳市"})
        self.assertEqual(self.customer.city, "深圳市")

    def test_salesperson_cannot_change_a_pool_customer_before_claiming_it(self):
        self.assertRefused("claim it before you change it", self.pooled, {"phone": "13900000000"})
        self.assertRefused("claim it before you change it", self.pooled_contact, {"name": "某人"})
        self.assertEqual(self.pooled.phone, "13812345678")

    def test_import_cannot_set_the_owner(self):
        self.env["ir.model.data"].create({"module": "__import__", "name": "pooled_x", "model": "res.partner",
                                          "res_id": self.pooled.id})
        result = self.env["res.partner"].sudo(self.salesperson).load(
            ["id", "user_id/.id"], [["__import__.pooled_x", str(self.salesperson.id)]])
        self.assertFalse(result["ids"])
        self.assertIn(OWNER_ONLY_BY_ACTIONS, " ".join(m["message"] for m in result["messages"]))
        self.assertFalse(self.pooled.user_id)

    def test_copy_of_a_pool_customer_is_refused_to_a_salesperson(self):
        with self.assertRaisesRegex(UserError, "claim it before you change it"), self.cr.savepoint():
            self.as_(self.salesperson, self.pooled).copy()
        copy = self.as_(self.salesperson, self.customer).copy({"name": "深圳市华信电子（分部）"})
        self.assertEqual(copy.user_id, self.salesperson, "a copy of one's own customer stays one's own")
        self.assertFalse(copy.followup_count)


class TestOwnershipOnCreate(PoolCase):

    def _create(self, user, **vals):
        self.created = getattr(self, "created", 0) + 1
        return self.Partner.sudo(user).create(dict({"name": "深圳市新客户%d号有限公司" % self.created,
                                                    "is_company": True, "customer": True}, **vals))

    def test_salesperson_creates_their_own_customer_only(self):
        own = self._create(self.salesperson, user_id=self.salesperson.id)
        self.assertEqual(own.user_id, self.salesperson)
        self.assertTrue(own.date_owner_received)
        with self.assertRaisesRegex(UserError, "create a customer for another salesperson"), self.cr.savepoint():
            self._create(self.salesperson, user_id=self.salesperson2.id)

    def test_salesperson_new_customer_is_their_own_within_the_holding_cap(self):
        """Not an unowned pool customer (open to every member), and no way past the holding cap."""
        default = self.env["crm.followup.pool"]._default_pool(self.salesperson.company_id)
        own = self._create(self.salesperson)
        self.assertEqual((own.user_id, own.pool_id), (self.salesperson, self.env["crm.followup.pool"]))
        held = self.Partner.search_count([("user_id", "=", self.salesperson.id), ("customer", "=", True),
                                          ("is_company", "=", True)])
        default.holding_cap = held
        with self.assertRaisesRegex(UserError, "the most allowed"), self.cr.savepoint():
            self._create(self.salesperson, name="深圳市超限客户有限公司")

    def test_manager_creates_a_customer_for_a_salesperson(self):
        self.assertEqual(self._create(self.manager, user_id=self.salesperson2.id).user_id, self.salesperson2)

    def test_salesperson_cannot_create_locked_or_back_dated(self):
        for vals, message in (({"followup_locked": True}, "can lock a customer"),
                              ({"date_owner_received": days_ago(400)}, KEPT),
                              ({"last_followup_date": days_ago(1)}, "log a follow-up instead"),
                              ({"previous_user_id": self.salesperson2.id}, KEPT),
                              ({"pool_id": self.other_pool.id}, "a public pool you belong to")):
            with self.assertRaisesRegex(UserError, message), self.cr.savepoint():
                self._create(self.salesperson, user_id=self.salesperson.id, **vals)
        self.assertEqual(self._create(self.salesperson, pool_id=self.pool.id).pool_id, self.pool)

    def test_contact_follows_its_company_whatever_owner_is_given(self):
        contact = self.Partner.sudo(self.salesperson).create(
            {"name": "王磊", "parent_id": self.customer.id, "user_id": self.salesperson2.id,
             "pool_id": self.other_pool.id})
        self.assertEqual((contact.user_id, contact.pool_id), (self.salesperson, self.pool))

    def test_salesperson_cannot_add_a_contact_to_a_pool_customer(self):
        with self.assertRaisesRegex(UserError, "claim it before you change it"), self.cr.savepoint():
            self.Partner.sudo(self.salesperson).create({"name": "王磊", "parent_id": self.pooled.id,
                                                        "user_id": self.salesperson.id})
        self.assertEqual(self.pooled.child_ids, self.pooled_contact)

    def test_reparenting_a_contact_moves_it_to_its_new_company(self):
        mine = self.Partner.create({"name": "陈晨", "parent_id": self.customer.id})
        with self.assertRaisesRegex(UserError, "claim it before you change it"), self.cr.savepoint():
            mine.sudo(self.salesperson).write({"parent_id": self.pooled.id})
        with self.assertRaisesRegex(UserError, "claim it before you change it"), self.cr.savepoint():
            self.pooled_contact.sudo(self.salesperson).write({"parent_id": self.customer.id})
        self.assertEqual(self.pooled_contact.parent_id, self.pooled)
        # the manager may: the contact then carries its new company's owner and pool
        mine.sudo(self.manager).write({"parent_id": self.pooled.id})
        self.assertEqual((mine.user_id, mine.pool_id), (self.env["res.users"], self.pool))

    def test_lead_conversion_creates_the_salespersons_customer(self):
        """Odoo's own flow: converting one's lead into an opportunity with a new customer."""
        lead = self.env["crm.lead"].sudo(self.salesperson).create({
            "name": "采购安防系统", "partner_name": "深圳市龙岗新安实业有限公司", "contact_name": "周强",
            "user_id": self.salesperson.id})
        partner = lead.handle_partner_assignation(action="create")[lead.id]
        customer = self.Partner.browse(partner).commercial_partner_id
        self.assertEqual(customer.user_id, self.salesperson)
        self.assertEqual(self.Partner.browse(partner).user_id, self.salesperson, "and its contact")


class TestPoolAdministration(PoolCase):
    """Managers and a pool's administrators lock customers and move them between pools."""

    def test_manager_locks_and_moves_between_pools(self):
        self.customer.sudo(self.manager).write({"followup_locked": True, "pool_id": self.other_pool.id})
        self.assertTrue(self.customer.followup_locked)
        self.assertEqual((self.customer.pool_id, self.contact.pool_id), (self.other_pool, self.other_pool),
                         "the contacts follow")

    def test_pool_admin_locks_in_their_pool_only(self):
        self.pool.admin_ids |= self.salesperson2
        self.customer.sudo(self.salesperson2).write({"followup_locked": True})
        self.assertTrue(self.customer.followup_locked)
        with self.assertRaisesRegex(UserError, "use Release to Pool"), self.cr.savepoint():
            self.customer.sudo(self.salesperson2).write({"pool_id": self.other_pool.id})
        with self.assertRaisesRegex(UserError, "is a contact person"), self.cr.savepoint():
            self.contact.sudo(self.manager).write({"pool_id": self.other_pool.id})

    def test_form_shows_ownership_read_only_to_whoever_may_not_change_it(self):
        mine = self.customer.sudo(self.salesperson)
        self.assertEqual((mine.followup_owner_editable, mine.followup_pool_editable), (False, False))
        managed = self.customer.sudo(self.manager)
        self.assertEqual((managed.followup_owner_editable, managed.followup_pool_editable), (False, True))
        new = self.Partner.sudo(self.salesperson).new({"name": "新客户"})
        self.assertTrue(new.followup_owner_editable, "the salesperson is chosen on creation")


class TestOneMove(PoolCase):
    """Contacts follow their company; a subsidiary, another customer, never does."""

    @classmethod
    def setUpClass(cls):
        super(TestOneMove, cls).setUpClass()
        cls.group = cls._customer("华信集团有限公司", cls.salesperson2, cls.grade_c, pool_id=cls.pool.id)
        cls.group_contact = cls.Partner.create({"name": "孙涛", "parent_id": cls.group.id})
        cls.group_assistant = cls.Partner.create({"name": "孙涛的助理", "parent_id": cls.group_contact.id})
        cls.subsidiary = cls._customer("华信集团东莞分公司", cls.outsider, cls.grade_c, parent_id=cls.group.id,
                                       pool_id=cls.other_pool.id)
        cls.subsidiary_contact = cls.Partner.create({"name": "郑洁", "parent_id": cls.subsidiary.id})

    def assertSubsidiaryUntouched(self):
        self.assertEqual((self.subsidiary.user_id, self.subsidiary_contact.user_id), (self.outsider, self.outsider))
        self.assertEqual(self.subsidiary.pool_id, self.other_pool)
        self.assertFalse(self.Log.search([("partner_id", "=", self.subsidiary.id)]))

    def test_hand_over_moves_contacts_never_a_subsidiary(self):
        wizard = self.env["crm.followup.pool.handover"].sudo(self.manager).create(
            {"from_user_id": self.salesperson2.id, "target": "user", "to_user_id": self.salesperson.id})
        wizard.action_handover()
        self.assertEqual((self.group.user_id, self.group_contact.user_id, self.group_assistant.user_id),
                         (self.salesperson,) * 3)
        self.assertSubsidiaryUntouched()

    def test_hand_over_takes_the_archived_customers_too(self):
        archived = self._customer("华信集团旧账户", self.salesperson2, self.grade_c, active=False)
        self.env["crm.followup.pool.handover"].sudo(self.manager).create(
            {"from_user_id": self.salesperson2.id, "target": "user", "to_user_id": self.salesperson.id}
        ).action_handover()
        self.assertEqual(archived.user_id, self.salesperson)

    def test_hand_over_into_a_pool_moves_contacts_never_a_subsidiary(self):
        self.env["crm.followup.pool.handover"].sudo(self.manager).create(
            {"from_user_id": self.salesperson2.id, "target": "pool", "pool_id": self.pool.id}).action_handover()
        self.assertFalse(self.group.user_id | self.group_contact.user_id | self.group_assistant.user_id)
        self.assertSubsidiaryUntouched()

    def test_release_moves_contacts_never_a_subsidiary(self):
        self.group.sudo(self.salesperson2)._followup_release("集团改由总部采购")
        self.assertFalse(self.group.user_id | self.group_contact.user_id | self.group_assistant.user_id)
        self.assertSubsidiaryUntouched()

    def test_take_back_moves_contacts_never_a_subsidiary(self):
        self._set(self.group, date_owner_received=days_ago(60))
        self._set(self.subsidiary, date_owner_received=days_ago(1))
        self._takeback()
        self.assertFalse(self.group.user_id | self.group_contact.user_id | self.group_assistant.user_id)
        self.assertSubsidiaryUntouched()

    def test_claim_moves_contacts_never_a_subsidiary(self):
        self.subsidiary.write({"user_id": False})  # as the superuser: a repair, contacts follow
        self.assertFalse(self.subsidiary_contact.user_id)
        self.group.sudo(self.salesperson2)._followup_release("集团改由总部采购")
        self.group.sudo(self.salesperson).action_claim()
        self.assertEqual(self.group_assistant.user_id, self.salesperson)
        self.assertFalse(self.subsidiary.user_id | self.subsidiary_contact.user_id)

    def test_the_move_states_its_contract(self):
        Partner = self.Partner
        with self.assertRaises(ValueError):
            Partner._followup_move_rows("SELECT 1, 1", {}, "steal", to_user=self.salesperson)
        with self.assertRaises(ValueError):
            Partner._followup_move_rows("SELECT 1, 1", {}, "release")  # into which pool?
        with self.assertRaises(ValueError):
            Partner._followup_move_rows("SELECT 1, 1", {}, "claim", pool=self.pool)  # claimed by whom?
        # a contact person is not a customer: the move leaves it alone
        moved = self.group_contact._followup_move(self.salesperson, "assign")
        self.assertFalse(moved)
        self.assertEqual(self.group_contact.user_id, self.salesperson2)


class TestDefaultPool(PoolCase):
    """A customer with neither owner nor pool lives in its company's default pool."""

    @classmethod
    def setUpClass(cls):
        super(TestDefaultPool, cls).setUpClass()
        cls.env["crm.followup.pool"].search([("company_id", "=", cls.company.id)]).write({"is_default": False})
        cls.pool.is_default = True

    def test_new_customer_without_owner_goes_to_the_default_pool(self):
        partner = self.Partner.sudo(self.manager).create({"name": "深圳市无主客户有限公司", "is_company": True,
                                                          "customer": True})
        contact = self.Partner.create({"name": "韩梅", "parent_id": partner.id})
        self.assertEqual((partner.pool_id, contact.pool_id), (self.pool, self.pool))

    def _without_default_pool(self, company):
        """As a company from before the install (or whose default pool a manager unset) is."""
        self.env["crm.followup.pool"]._default_pool(company).write({"is_default": False})
        self.assertFalse(self.env["crm.followup.pool"]._default_pool(company))

    def test_a_new_company_gets_its_default_pool(self):
        company = self.env["res.company"].create({"name": "珠海新开贸易有限公司"})
        pool = self.env["crm.followup.pool"]._default_pool(company)
        self.assertEqual((pool.name, pool.takeback_active), ("Public Pool", False))
        customer = self.Partner.create({"name": "珠海市第一位客户有限公司", "is_company": True, "customer": True,
                                        "company_id": company.id})
        self.assertEqual(customer.pool_id, pool)

    def test_default_pool_set_later_takes_the_companys_unpooled_customers(self):
        self._without_default_pool(self.other_company)
        before = self.Partner.create({"name": "广州市旧客户有限公司", "is_company": True, "customer": True,
                                      "company_id": self.other_company.id})
        user_partner = self.other_company_user.partner_id
        supplier = self.Partner.create({"name": "广州市供应商", "is_company": True, "customer": False,
                                        "company_id": self.other_company.id})
        self.assertFalse(before.pool_id, "the company has no default pool yet")
        pool = self.env["crm.followup.pool"].create({"name": "广州另一家公海", "company_id": self.other_company.id,
                                                     "is_default": True})
        self.assertEqual(before.pool_id, pool)
        self.assertFalse(user_partner.pool_id | supplier.pool_id, "a user's partner and a supplier stay out")

    def test_install_gives_every_company_a_default_pool(self):
        self._without_default_pool(self.other_company)
        before = self.Partner.create({"name": "广州市老客户有限公司", "is_company": True, "customer": True,
                                      "company_id": self.other_company.id})
        self.env["crm.followup.pool"]._ensure_default_pools()
        pool = self.env["crm.followup.pool"]._default_pool(self.other_company)
        self.assertTrue(pool)
        self.assertFalse(pool.takeback_active, "nothing is taken back before a manager decides")
        self.assertEqual(before.pool_id, pool)
        self.assertEqual(self.env["crm.followup.pool"]._default_pool(self.company), self.pool, "one per company")

    def test_a_write_on_no_partner_adopts_nothing(self):
        """An empty recordset (a company's contacts when it has none) is no "every partner"."""
        floating = self._customer("深圳市漂浮客户有限公司", None)
        self.env.cr.execute("UPDATE res_partner SET pool_id = NULL WHERE id = %s", [floating.id])
        self.Partner.browse().write({"user_id": False})
        self.assertEqual(self.Partner.browse()._followup_adopt_unpooled(), [])
        self.assertIn(floating.id, self.Partner.browse()._followup_adopt_unpooled(everywhere=True))

    def test_customer_emptied_by_the_superuser_lands_in_the_default_pool(self):
        owned = self._customer("深圳市某某科技有限公司", self.salesperson)
        self.assertFalse(owned.pool_id)
        owned.write({"user_id": False})
        self.assertEqual(owned.pool_id, self.pool)
