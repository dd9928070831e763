"""Duplicate check (查重): a customer that already exists in the company is refused to
salespeople on create, rename and import, with the owner or the pool named and no contact data
shown; a Follow-up Manager may save it with a reason, which is logged."""
from odoo.exceptions import AccessError

from ..models.res_partner_duplicate import DuplicateCustomerError
from .pool_common import PoolCase

HIDDEN = ("13812345678", "138****5678", "5678", "zhang@anti", "z***@")  # the pool customer's contact data


class TestPartnerDuplicates(PoolCase):

    def _create_as(self, user, **vals):
        vals.setdefault("customer", True)
        return self.Partner.sudo(user).create(vals)

    def assertRefused(self, user, expected, **vals):
        with self.assertRaises(DuplicateCustomerError) as err:
            self._create_as(user, **vals)
        message = err.exception.name
        for text in expected:
            self.assertIn(text, message)
        for text in HIDDEN:
            self.assertNotIn(text, message)
        return message

    def test_pool_customer_named_by_its_pool_without_its_contact_data(self):
        # company name with another legal form, phone reformatted, e-mail in capitals
        self.assertRefused(self.salesperson, ["深圳市坪山安泰保安服务有限公司", "same name", "public pool 深圳公海"],
                           name="深圳市坪山安泰保安服务股份有限公司", is_company=True)
        self.assertRefused(self.salesperson, ["same phone number", "深圳公海"],
                           name="王先生", phone="+86 138-1234-5678")
        self.assertRefused(self.salesperson, ["same e-mail", "深圳公海"],
                           name="Mr. Zhang", email="ZHANG@Anti.Example.com")
        # a contact's mobile counts for its company
        self.assertRefused(self.salesperson, ["深圳市坪山安泰保安服务有限公司", "深圳公海"],
                           name="杜女士", is_company=False, mobile="139 6569 3803")

    def test_colleagues_customer_names_the_colleague_not_the_customer(self):
        message = self.assertRefused(self.salesperson, ["belongs to 李娜"],
                                     name="广州市天河瑞丰贸易股份有限公司", is_company=True)
        # the salesperson may not read the colleague's customer: its name is not shown either
        self.customer2.phone = "020-62567315"
        message = self.assertRefused(self.salesperson, ["a customer (same phone number) belongs to 李娜"],
                                     name="新客户", is_company=True, phone="(020) 6256 7315")
        self.assertNotIn("瑞丰", message)

    def test_own_customer_is_named_as_yours(self):
        self.assertRefused(self.salesperson, ["深圳市华信电子有限公司", "already your customer"],
                           name="深圳市华信电子 有限公司", is_company=True)

    def test_what_is_not_the_same_customer_is_saved(self):
        for vals in ({"name": "深圳市坪山安泰保安服务有限公司广州分公司", "is_company": True},
                     {"name": "坪山安泰保安集团有限公司", "is_company": True},
                     {"name": "杜敏", "is_company": False},  # a person sharing a contact's name
                     {"name": "新客户", "phone": "62567315"}):  # no area code: any city
            self._create_as(self.salesperson, **vals)
        # companies are walled: another company's customer of the same name is no duplicate
        self._create_as(self.other_company_user, name="深圳市坪山安泰保安服务有限公司", is_company=True,
                        company_id=self.other_company.id, phone="13812345678")
        # contacts of one's own customer are not checked against it
        self._create_as(self.salesperson, name="王五", parent_id=self.customer.id, phone="13812345678")

    def test_quick_create_of_a_company_name_as_a_person_is_refused(self):
        # typing a new customer in a many2one (e.g. an opportunity's) makes a person of that name
        with self.assertRaises(DuplicateCustomerError):
            self.Partner.sudo(self.salesperson).name_create("深圳市坪山安泰保安服务有限公司")

    def test_converting_a_lead_into_an_existing_customer_is_refused(self):
        lead = self.env["crm.lead"].create({"name": "安保外包询价", "partner_name": "深圳市坪山安泰保安服务有限公司",
                                           "user_id": self.salesperson.id})
        with self.assertRaises(DuplicateCustomerError) as err:
            lead.sudo(self.salesperson).handle_partner_assignation(action="create")
        self.assertIn("深圳公海", err.exception.name)

    def test_a_salesperson_cannot_send_the_managers_reason(self):
        self.assertRefused(self.salesperson, ["深圳公海"], name="深圳市坪山安泰保安服务有限公司", is_company=True,
                           duplicate_reason="the manager said so")

    def test_manager_saves_a_duplicate_with_a_reason_logged(self):
        self.assertRefused(self.manager, ["深圳公海", "Reason for Duplicate"],
                           name="深圳市坪山安泰保安服务有限公司", is_company=True)
        partner = self._create_as(self.manager, name="深圳市坪山安泰保安服务有限公司", is_company=True,
                                  duplicate_reason="两家同名公司，营业执照不同")
        note = partner.message_ids.filtered(lambda m: "两家同名公司" in (m.body or ""))
        self.assertEqual(len(note), 1)
        self.assertIn("深圳公海", note.body)
        self.assertEqual(note.author_id, self.manager.partner_id)

    def test_rename_into_a_duplicate_is_refused(self):
        mine = self._create_as(self.salesperson, name="新客户", is_company=True, phone="020-11112222")
        with self.assertRaises(DuplicateCustomerError):
            mine.sudo(self.salesperson).write({"name": "深圳市坪山安泰保安服务有限公司"})
        with self.assertRaises(DuplicateCustomerError):
            mine.sudo(self.salesperson).write({"mobile": "13812345678"})
        # an existing duplicate (made by the system) stays editable where it is not new
        twin = self.Partner.create({"name": "深圳市坪山安泰保安服务有限公司", "is_company": True,
                                    "user_id": self.salesperson.id, "phone": "13812345678"})
        twin.sudo(self.salesperson).write({"city": "深圳", "phone": "+86 138 1234 5678"})
        self.assertEqual(twin.city, "深圳")

    def test_keys_cannot_be_forged_or_searched(self):
        mine = self._create_as(self.salesperson, name="新客户", phone="020-11112222")
        mine.sudo(self.salesperson).write({"phone_key": "0", "name": "新客户二"})
        self.assertEqual((mine.sudo().phone_key, mine.sudo().name_key), ("02011112222", "新客户二"))
        as_sales = self.Partner.sudo(self.salesperson)
        with self.assertRaises(AccessError):
            as_sales.search([("phone_key", "=like", "138%")])
        with self.assertRaises(AccessError):
            as_sales.read_group([("child_ids.mobile_key", "!=", False)], ["name"], ["name"])
        with self.assertRaises(AccessError):
            as_sales.browse(self.pooled.id).read(["phone_key"])
        # reading every field (no list) leaves the keys out instead of failing
        row = as_sales.browse(self.pooled.id).read()[0]
        self.assertNotIn("phone_key", row)
        self.assertTrue(self.env["res.users"].sudo(self.salesperson).browse(self.salesperson.id).read()[0]["name"])

    def test_onchange_warns_without_contact_data(self):
        new = self.Partner.sudo(self.salesperson).new(
            {"name": "王先生", "customer": True, "phone": "138 1234 5678", "company_id": self.company.id})
        warning = new._onchange_duplicate_warning()["warning"]
        self.assertIn("深圳公海", warning["message"])
        for text in HIDDEN:
            self.assertNotIn(text, warning["message"])
        new.phone = "020-99998888"
        self.assertIsNone(new._onchange_duplicate_warning())

    def test_import_reports_every_refused_row_and_imports_none(self):
        result = self.Partner.sudo(self.salesperson).load(
            ["name", "is_company", "phone"],
            [["新客户甲", "1", "020-33334444"],
             ["深圳市坪山安泰保安服务有限公司", "1", ""],
             ["新客户乙", "1", "+86 138 1234 5678"],
             ["新客户甲 有限公司", "1", ""]])  # the same as the file's first row
        self.assertFalse(result["ids"])
        errors = {m["rows"]["from"]: m["message"] for m in result["messages"] if m["type"] == "error"}
        self.assertEqual(sorted(errors), [1, 2, 3])
        self.assertIn("深圳公海", errors[1])
        self.assertIn("same phone number", errors[2])
        self.assertIn("新客户甲 (same name)", errors[3])
        self.assertTrue(all(m.startswith("This customer already exists") for m in errors.values()), errors)
        self.assertFalse(self.Partner.search([("name", "=", "新客户甲")]))

    def test_check_is_one_query_and_keys_are_filled_set_based(self):
        keys = self.Partner._duplicate_keys_of(
            {"name": "深圳市坪山安泰保安服务有限公司", "phone": "13812345678",
             "mobile": "139 6569 3803", "email": "zhang@anti.example.com"})  # also demo c53's contact
        count = self.cr.sql_log_count
        matches = self.Partner._duplicate_find(keys, self.company.id)
        self.assertEqual(self.cr.sql_log_count - count, 1)
        found = {m[0]: m[1:] for m in matches}
        self.assertEqual(found[self.pooled.id], (None, self.pool.id, {"name", "phone", "email"}))
        self.assertEqual(found[self.env.ref("crm_followup.res_partner_c53_demo").id][2], {"phone"})
        self.cr.execute("UPDATE res_partner SET name_key = NULL, phone_key = NULL, mobile_key = NULL, email_key = NULL")
        total = self.Partner.with_context(active_test=False).search_count([])
        count = self.cr.sql_log_count
        self.Partner._fill_duplicate_keys(batch_size=total + 1)
        self.assertEqual(self.cr.sql_log_count - count, 3)  # SELECT, UPDATE, the empty SELECT that ends it
        self.assertEqual((self.pooled.name_key, self.pooled.phone_key, self.pooled_contact.mobile_key),
                         ("深圳市坪山安泰保安服务", "13812345678", "13965693803"))
        count = self.cr.sql_log_count
        self.Partner._fill_duplicate_keys(batch_size=(total + 1) // 2)
        self.assertEqual(self.cr.sql_log_count - count, 5)
