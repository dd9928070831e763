from datetime import date, timedelta

from odoo.exceptions import AccessError, UserError, ValidationError

from ..models import followup_dates as dates
from ..models.saved_search_domain import DomainError, eval_domain
from .common import FollowupCase

THIS_WEEK = ("[('next_followup_date', '>=', (context_today() + relativedelta(weeks=-1, days=1, weekday=0))"
             ".strftime('%Y-%m-%d')), ('next_followup_date', '<', (context_today() + relativedelta(days=1, "
             "weekday=0)).strftime('%Y-%m-%d'))]")


# get_workbench_chips for the ten searches of TestChips: reading the searches (search, read,
# hidden ones), the sub-queries of the paths (grade_id.code, child_ids.name) and one COUNT
# for the ten; the baseline: ten search_count calls.
QUERIES_10_CHIPS = 19
BASELINE_10_COUNTS = 35


class SavedSearchCase(FollowupCase):

    @classmethod
    def setUpClass(cls):
        super(SavedSearchCase, cls).setUpClass()
        cls.Filters = cls.env["ir.filters"]
        cls.team = cls.env["crm.team"].create({"name": "华南销售部"})
        cls.other_team = cls.env["crm.team"].create({"name": "华北销售部"})
        cls.salesperson.sale_team_id = cls.team
        cls.salesperson2.sale_team_id = cls.team
        cls.outsider = cls._user("sp_zhao", "赵磊", cls.sales)
        cls.outsider.sale_team_id = cls.other_team

    def _save(self, user, name="本周重点客户", domain="[('grade_id.code', '=', 'A')]", **vals):
        vals.update(name=name, model_id="res.partner", domain=domain)
        return self.Filters.sudo(user).create(vals)

    def _visible(self, user, search):
        return search in self.Filters.sudo(user).search([("id", "=", search.id)])


class TestRelativeDates(SavedSearchCase):

    def test_this_week_is_evaluated_when_the_search_runs(self):
        """The same saved text gives this week's Monday to next Monday on each day it runs."""
        tuesday = eval_domain(THIS_WEEK, date(2026, 11, 24), 1)
        self.assertEqual((tuesday[0][2], tuesday[1][2]), ("2026-11-23", "2026-11-30"))
        monday = eval_domain(THIS_WEEK, date(2026, 11, 30), 1)
        self.assertEqual((monday[0][2], monday[1][2]), ("2026-11-30", "2026-12-07"))
        sunday = eval_domain(THIS_WEEK, date(2026, 12, 6), 1)
        self.assertEqual((sunday[0][2], sunday[1][2]), ("2026-11-30", "2026-12-07"))

    def test_this_month_next_7_days_today(self):
        text = ("[('date', '>=', context_today().strftime('%Y-%m-01')), ('date', '<', (context_today() + "
                "relativedelta(months=1)).strftime('%Y-%m-01')), ('next_followup_date', '<', (context_today() + "
                "relativedelta(days=8)).strftime('%Y-%m-%d')), ('date', '=', current_date), ('user_id', '=', uid)]")
        domain = eval_domain(text, date(2026, 12, 28), 7)
        self.assertEqual([leaf[2] for leaf in domain], ["2026-12-01", "2027-01-01", "2027-01-05", "2026-12-28", 7])

    def test_saved_search_stays_relative_and_counts_today(self):
        """A search saved 'this week' counts the customers planned this week whenever it runs:
        its text is stored, not the dates of the day it was saved."""
        search = self._save(self.salesperson, name="本周待跟进", domain=THIS_WEEK, on_workbench=True)
        self.assertEqual(search.domain, THIS_WEEK)
        today = dates.to_date(dates.local_today(self.env(user=self.salesperson.id)))
        self.env.cr.execute("UPDATE res_partner SET next_followup_date = %s WHERE id = %s",
                            [dates.date_string(today) + " 02:00:00", self.customer.id])
        self.customer.invalidate_cache()
        chips = {c["id"]: c for c in self.Filters.sudo(self.salesperson).get_workbench_chips()}
        self.assertEqual(chips[search.id]["count"], 1)
        # a week later the same search no longer finds it (its date is last week's then)
        later = search.sudo(self.salesperson)._followup_domain(today + timedelta(days=7))
        self.assertEqual(self.env["res.partner"].sudo(self.salesperson).search_count(later), 0)


class TestSharing(SavedSearchCase):

    def test_only_me(self):
        search = self._save(self.salesperson)
        self.assertEqual((search.share_scope, search.user_id), ("me", self.salesperson))
        self.assertTrue(self._visible(self.salesperson, search))
        self.assertFalse(self._visible(self.salesperson2, search))
        self.assertFalse(self._visible(self.manager, search))

    def test_my_team(self):
        search = self._save(self.salesperson, share_scope="team")
        self.assertEqual((search.team_id, search.user_id.id), (self.team, False))
        self.assertTrue(self._visible(self.salesperson2, search))
        self.assertFalse(self._visible(self.outsider, search))
        self.assertTrue(self._visible(self.manager, search), "managers tidy the shared searches")
        self.assertFalse(self._visible(self.other_company_user, search))
        names = [f["name"] for f in self.Filters.sudo(self.salesperson2).get_filters("res.partner")]
        self.assertIn("本周重点客户", names)
        names = [f["name"] for f in self.Filters.sudo(self.outsider).get_filters("res.partner")]
        self.assertNotIn("本周重点客户", names)

    def test_chosen_users(self):
        search = self._save(self.salesperson, share_scope="users", shared_user_ids=[(6, 0, [self.outsider.id])])
        self.assertTrue(self._visible(self.outsider, search))
        self.assertFalse(self._visible(self.salesperson2, search))

    def test_whole_company(self):
        search = self._save(self.salesperson, share_scope="company")
        self.assertEqual(search.company_id, self.company)
        self.assertTrue(self._visible(self.outsider, search))
        self.assertFalse(self._visible(self.other_company_user, search))

    def test_team_the_user_does_not_belong_to_is_refused(self):
        with self.assertRaises(UserError) as refused:
            self._save(self.salesperson, share_scope="team", team_id=self.other_team.id)
        self.assertIn("华北销售部", str(refused.exception))
        self.assertFalse(self.Filters.search([("name", "=", "本周重点客户")]))
        search = self._save(self.salesperson, share_scope="team")
        with self.assertRaises(UserError):
            search.sudo(self.salesperson).write({"team_id": self.other_team.id})
        self.assertEqual(search.team_id, self.team)

    def test_shared_count_runs_as_the_user_who_opens_it(self):
        """One company-wide search, two salespeople: each counts only the customers they may see."""
        search = self._save(self.salesperson, name="我的重点", share_scope="company", on_workbench=True,
                            domain="[('is_company', '=', True), ('customer', '=', True)]")
        expected = {}
        for user in (self.salesperson, self.salesperson2, self.manager):
            chips = {c["id"]: c for c in self.Filters.sudo(user).get_workbench_chips()}
            expected[user] = self.env["res.partner"].sudo(user).search_count(
                [("is_company", "=", True), ("customer", "=", True)])
            self.assertEqual(chips[search.id]["count"], expected[user])
        self.assertNotIn(self.customer2, self.env["res.partner"].sudo(self.salesperson).search([]))
        self.assertGreater(expected[self.manager], expected[self.salesperson])


class TestOwnership(SavedSearchCase):

    def test_only_the_owner_or_a_manager_changes_a_shared_search(self):
        search = self._save(self.salesperson, share_scope="team")
        with self.assertRaises(UserError) as refused:
            search.sudo(self.salesperson2).write({"name": "改名"})
        self.assertIn("张伟", str(refused.exception))
        with self.assertRaises(UserError):
            search.sudo(self.salesperson2).unlink()
        self.assertEqual(search.name, "本周重点客户")
        search.sudo(self.salesperson).write({"followup_tag": "重点"})
        search.sudo(self.manager).write({"followup_color": 3})
        self.assertEqual((search.followup_tag, search.followup_color), ("重点", 3))
        search.sudo(self.salesperson).unlink()
        self.assertFalse(search.exists())

    def test_manager_deletes_a_shared_search(self):
        search = self._save(self.salesperson, share_scope="company")
        search.sudo(self.manager).unlink()
        self.assertFalse(search.exists())

    def test_nobody_takes_over_a_search(self):
        search = self._save(self.salesperson, share_scope="team")
        search.sudo(self.salesperson).write({"owner_id": self.salesperson2.id})
        self.assertEqual(search.owner_id, self.salesperson)
        other = self._save(self.salesperson2, name="别人的", owner_id=self.salesperson.id)
        self.assertEqual(other.owner_id, self.salesperson2)


class TestBadInput(SavedSearchCase):

    def _refused(self, domain, error=ValidationError):
        with self.assertRaises(error) as refused:
            self._save(self.salesperson, name="坏的搜索", domain=domain)
        self.assertFalse(self.Filters.search([("name", "=", "坏的搜索")]))
        return str(refused.exception)

    def test_unknown_field(self):
        self.assertIn("no_such_field", self._refused("[('no_such_field', '=', 1)]"))
        self.assertIn("nope", self._refused("[('grade_id.nope', '=', 'A')]"))

    def test_unsafe_expressions(self):
        self._refused("__import__('os').system('true')")
        self._refused("[('name', '=', ().__class__.__bases__[0])]")
        self._refused("[('id', 'inselect', ('SELECT id FROM res_users', []))]")

    def test_malformed(self):
        self._refused("[('name', '=')]")
        self._refused("['|', ('name', '=', 'a')]")
        self._refused("[('name', 'like like', 'a')]")
        self._refused("{'name': 1}")
        self._refused("[('name', '=', 'a'")

    def test_name_clash(self):
        self._save(self.salesperson, share_scope="team")
        with self.assertRaises(UserError) as refused:
            self._save(self.salesperson2, name="本周重点客户 ".strip().upper(), share_scope="company")
        self.assertIn("本周重点客户", str(refused.exception))
        self._save(self.salesperson2, name="本周重点客户")  # a private one of the same name is fine

    def test_errors_are_translated(self):
        with self.assertRaises(UserError) as refused:
            self.Filters.sudo(self.salesperson).with_context(lang="zh_CN").create({
                "name": "x", "model_id": "res.partner", "share_scope": "team", "team_id": self.other_team.id})
        self.assertIn("销售", str(refused.exception))
        self.assertRaises(DomainError, eval_domain, "1 +", date.today(), 1)


class TestSystemSearches(SavedSearchCase):

    def setUp(self):
        super(TestSystemSearches, self).setUp()
        self.due = self.env.ref("crm_followup.saved_search_due_this_week")

    def test_shipped_on_everyones_workbench(self):
        names = {c["name"] for c in self.Filters.sudo(self.salesperson).get_workbench_chips()}
        for xmlid in ("due_this_week", "takeback_7_days", "overdue_reminders", "birthdays_this_month",
                      "grade_a_14_days"):
            self.assertIn(self.env.ref("crm_followup.saved_search_" + xmlid).name, names)

    def test_hidden_not_deleted(self):
        for user in (self.salesperson, self.manager):
            with self.assertRaises(UserError):
                self.due.sudo(user).unlink()
        with self.assertRaises(UserError):
            self.due.unlink()  # not even the superuser
        with self.assertRaises(UserError):
            self.due.sudo(self.salesperson).write({"name": "我的"})
        self.due.sudo(self.salesperson).action_followup_hide()
        self.assertNotIn(self.due.id, [c["id"] for c in self.Filters.sudo(self.salesperson).get_workbench_chips()])
        self.assertNotIn(self.due.id, [f["id"] for f in self.Filters.sudo(self.salesperson).get_filters("res.partner")])
        # hidden for the one who hid it only
        self.assertIn(self.due.id, [c["id"] for c in self.Filters.sudo(self.salesperson2).get_workbench_chips()])
        self.due.sudo(self.salesperson).action_followup_show()
        self.assertIn(self.due.id, [f["id"] for f in self.Filters.sudo(self.salesperson).get_filters("res.partner")])

    def test_a_user_cannot_make_a_search_a_system_one(self):
        search = self._save(self.salesperson, is_system=True)
        self.assertFalse(search.is_system)
        search.sudo(self.salesperson).unlink()

    def test_per_user_default(self):
        own = self._save(self.salesperson, is_default=True)
        self.due.sudo(self.salesperson).action_followup_set_default()
        filters = {f["id"]: f for f in self.Filters.sudo(self.salesperson).get_filters("res.partner")}
        self.assertTrue(filters[self.due.id]["is_default"])
        self.assertFalse(filters[own.id]["is_default"])
        self.assertFalse(own.is_default)
        other = {f["id"]: f for f in self.Filters.sudo(self.salesperson2).get_filters("res.partner")}
        self.assertFalse(other[self.due.id]["is_default"], "the default of one user only")
        own.sudo(self.salesperson).action_followup_set_default()
        filters = {f["id"]: f for f in self.Filters.sudo(self.salesperson).get_filters("res.partner")}
        self.assertTrue(filters[own.id]["is_default"])
        self.assertFalse(filters[self.due.id]["is_default"])

    def test_every_system_search_runs(self):
        for search in self.Filters.search([("is_system", "=", True)]):
            self.env[search.model_id].sudo(self.salesperson).search_count(
                search.sudo(self.salesperson)._followup_domain())


class TestChips(SavedSearchCase):

    def test_chips_count_like_search_count_in_one_query(self):
        """Ten searches on customers: their counts are those of search_count as the user, read in
        one query for the searches that need no join, plus Odoo's own reads of the searches."""
        Partner = self.env["res.partner"].sudo(self.salesperson)
        domains = ["[('grade_id.code', '=', 'A')]", "[('is_company', '=', True)]", THIS_WEEK,
                   "[('name', 'ilike', '有限公司')]", "[('phone', 'ilike', '138')]",
                   "[('followup_due', '=', True)]", "[('customer', '=', True), ('user_id', '=', uid)]",
                   "[('birthday_month', '=', context_today().strftime('%m'))]",
                   "['|', ('city', '=', '深圳'), ('city', '=', '广州')]", "[('child_ids.name', 'ilike', '刘')]"]
        searches = self.Filters.browse()
        for position, domain in enumerate(domains):
            searches |= self._save(self.salesperson, name="搜索 %d" % position, domain=domain, on_workbench=True)
        self.env.ref("crm_followup.saved_search_due_this_week").sudo(self.salesperson).action_followup_hide()
        Filters = self.Filters.sudo(self.salesperson)
        Filters.search([("is_system", "=", True)]).action_followup_hide()
        Filters.get_workbench_chips()  # caches warm, as on a workbench already open
        Filters.invalidate_cache()
        count0 = self.cr.sql_log_count
        chips = Filters.get_workbench_chips()
        queries = self.cr.sql_log_count - count0
        self.assertEqual(len(chips), 10)
        # the baseline: one search_count per search (the domains evaluated beforehand)
        runs = [search.sudo(self.salesperson)._followup_domain() for search in searches]
        count0 = self.cr.sql_log_count
        for domain in runs:
            Partner.search_count(domain)
        baseline = self.cr.sql_log_count - count0
        self.assertEqual((queries, baseline), (QUERIES_10_CHIPS, BASELINE_10_COUNTS))
        for chip, search in zip(sorted(chips, key=lambda c: c["id"]), searches):
            self.assertEqual(chip["count"], Partner.search_count(search.sudo(self.salesperson)._followup_domain()),
                             search.domain)

    def test_open_a_chip(self):
        search = self._save(self.salesperson, share_scope="company", domain=THIS_WEEK)
        action = search.sudo(self.salesperson2).action_followup_open()
        self.assertEqual(action["res_model"], "res.partner")
        self.assertEqual(action["name"], "本周重点客户")
        self.assertIsInstance(action["domain"], list)

    def test_a_hidden_search_of_others_is_not_opened(self):
        search = self._save(self.salesperson)
        with self.assertRaises(AccessError):
            search.sudo(self.salesperson2).action_followup_open()
