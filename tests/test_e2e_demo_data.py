"""The demo reads as a real team's, months into using the app (dates relative to the install):
customers received over the last months, some a few days from take-back, follow-ups overdue and
others planned for the coming weeks, first deals won at different dates; Odoo's own demo
customers (Agrolait and the like) are nobody's in this team and wait in none of its pools; and
the chatter the demo wrote is Chinese."""
import datetime
import re

from test_e2e_pool import ref


def days_ago(value):
    return (datetime.datetime.utcnow() - datetime.datetime.strptime(value[:19], "%Y-%m-%d %H:%M:%S")).days


def test_the_team_has_a_history(server, admin):
    zhang = server.rpc("zhangwei")
    team = [zhang] + [server.rpc(login) for login in ("lina", "wangfang")]
    received, soon, overdue, planned = [], 0, 0, 0
    for user in team:
        mine = [("user_id", "=", user.uid), ("is_followup_customer", "=", True)]
        rows = user.call("res.partner", "search_read", mine, ["date_owner_received", "next_followup_date"])
        received += [days_ago(r["date_owner_received"]) for r in rows]
        planned += sum(1 for r in rows if r["next_followup_date"] and -28 <= days_ago(r["next_followup_date"]) < -7)
        soon += user.call("res.partner", "search_count", mine + [("days_to_takeback", "<=", 7)])
        overdue += user.call("res.partner", "search_count", mine + [("followup_due", "=", True)])
    assert min(received) <= 14 and max(received) >= 120 and len(set(received)) >= 30, sorted(received)
    assert soon >= 2, "a few customers are days from take-back"
    assert overdue >= 5 and planned >= 5, (overdue, planned)
    assert zhang.call("res.partner", "search_count", [("user_id", "=", zhang.uid), ("days_to_takeback", "<=", 0)]) == 0
    manager = server.rpc("manager")
    won = manager.call("crm.followup.deal.report", "search_read", [], ["partner_id", "date_won"])
    assert len({w["date_won"][:10] for w in won}) >= 6, "first deals on different days"


def test_odoo_demo_customers_are_not_the_teams(server, admin):
    odoo_demo = admin.call("ir.model.data", "search_read", [("module", "=", "base"), ("model", "=", "res.partner")],
                           ["res_id"])
    ids = [r["res_id"] for r in odoo_demo]
    team = [server.rpc(login).uid for login in ("zhangwei", "lina", "wangfang", "manager")]
    assert not admin.call("res.partner", "search", [("id", "in", ids), "|", ("pool_id", "!=", False),
                                                    ("user_id", "in", team)])
    names = [r["name"] for r in server.rpc("manager").call(
        "res.partner", "search_read", [("is_followup_customer", "=", True)], ["name"])]
    assert not set(names) & {"Agrolait", "China Export", "The Jackson Group", "Camptocamp", "Think Big Systems"}


def test_the_demo_chatter_is_chinese(server, admin):
    customer = ref(admin, "res_partner_c01_demo")
    followup = admin.call("crm.followup.record", "search", [("partner_id", "=", customer)], limit=1)
    bodies = [m["body"] for m in admin.call("mail.message", "search_read", [
        "|", "&", ("model", "=", "res.partner"), ("res_id", "=", customer),
        "&", ("model", "=", "crm.followup.record"), ("res_id", "in", followup)], ["body"])]
    text = " ".join(re.sub("<[^>]+>", " ", b or "") for b in bodies)
    assert "创建" in text and "Contact" not in text and "Follow-up" not in text, text
