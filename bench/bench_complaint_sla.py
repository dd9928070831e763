"""Complaint service levels (服务等级) on N open complaints (one per generated customer), each with
its two SLA lines (first response reached, solution running), counted on the shipped Chinese
working calendar (lunch break, 2026/2027 public holidays, make-up working days).

(1) The scheduled run (`_run`: lines past their deadline fail, warnings due, escalation steps due,
with their reminders, chatter notes and e-mails), in two scenarios: the backlog run (the first
run, 5 minutes before a working-hours moment, with everything due so far) and the 5-minute run at
that moment (90 working minutes into the next working morning in Shanghai, where deadlines,
warnings and steps fall). Each against: the SQL floor (one UPDATE of the same lines to failed);
the bare SQL writing the same rows (one UPDATE of the changed lines' columns and one INSERT per
notice table of the very rows the run inserted, replayed from a rolled-back run); and the naive
ORM loop per complaint, run on an evenly spread sample of NAIVE_SAMPLE complaints and scaled to
all open ones (the output says so). A second run at the same moment must notify nobody. Peak
memory (RSS) of each measured block on its own (the kernel's high-water mark reset before it).

(2) The deadlines of N new lines (`_replan`: read, one clock per calendar, bisect, one UPDATE)
against resource.calendar's own `plan_hours` per line, run on a sample of CALENDAR_SAMPLE lines
and extrapolated; the sample's deadlines must be identical.

The set-up is committed on a throw-away copy; each measurement after it is rolled back, except
the backlog run, which the 5-minute run needs behind it.
"""
from contextlib import contextmanager
from datetime import timedelta

from bench.common import bench_args, odoo_env, query_counter, report, scratch_db, timer

SIZES = [100000]
NAIVE_SAMPLE = 500
CALENDAR_SAMPLE = 300
SPREAD_MINUTES = 7 * 24 * 60  # complaints received over the last week


def setup(env, n):
    """A policy (first response 4 h, solution 32 h, warning at 80 %, ladder +0 h team leader, +4 h
    sales manager, +24 h the administrator), a team of the generated salespeople, N complaints in
    progress received over the last week, their lines (deadlines not yet planned). Returns the
    ids of the running lines."""
    cr = env.cr
    company = env.user.company_id
    company.followup_complaint_enabled = True
    china = env.ref("crm_followup.resource_calendar_china")
    Policy = env["crm.followup.complaint.sla.policy"]
    Policy.search([]).write({"active": False})
    policy = Policy.create({
        "name": "基准策略", "calendar_id": china.id, "warning_share": 80, "company_id": company.id,
        "target_ids": [(0, 0, {"metric": "first_response", "target_hours": 4}),
                       (0, 0, {"metric": "solution", "target_hours": 32})],
        "step_ids": [(0, 0, {"sequence": 1, "delay_hours": 0, "recipient": "team_leader"}),
                     (0, 0, {"sequence": 2, "delay_hours": 4, "recipient": "sales_manager"}),
                     (0, 0, {"sequence": 3, "delay_hours": 24, "recipient": "user", "user_id": env.uid})]})
    sales = env["res.users"].search([("login", "=like", "bench_sales_%")], order="login")
    env["crm.team"].search([]).write({"user_id": sales[1].id})  # the owners' sales manager
    team = env["crm.followup.complaint.team"].create({
        "name": "基准客服组", "company_id": company.id, "leader_id": sales[0].id,
        "member_ids": [(6, 0, sales.ids)]})
    stage = env.ref("crm_followup.crm_followup_complaint_stage_in_progress")
    category = env.ref("crm_followup.crm_followup_complaint_category_quality")
    channel = env.ref("crm_followup.crm_followup_complaint_channel_phone")
    cr.execute("""
        INSERT INTO crm_followup_complaint_ticket (name, subject, partner_id, channel_id, category_id, severity,
                    customer_owner_id, customer_grade_id, team_id, user_id, stage_id, state, date_registered,
                    company_id, create_uid, write_uid, create_date, write_date)
        SELECT 'TSB' || lpad(p.id::text, 9, '0'), '基准投诉', p.id, %(channel)s, %(category)s, 'normal',
               p.user_id, p.grade_id, %(team)s, p.user_id, %(stage)s, 'in_progress',
               now() at time zone 'utc' - (p.id %% %(spread)s) * interval '1 minute',
               %(company)s, 1, 1, now() at time zone 'utc', now() at time zone 'utc'
          FROM res_partner p
         WHERE p.customer AND p.is_company AND p.user_id IS NOT NULL AND p.company_id = %(company)s
         ORDER BY p.id LIMIT %(n)s""", dict(channel=channel.id, category=category.id, team=team.id, stage=stage.id,
                                            spread=SPREAD_MINUTES, company=company.id, n=n))
    cr.execute("""
        INSERT INTO crm_followup_sla_line (complaint_id, company_id, policy_id, metric, calendar_id, target_hours,
                    consumed_hours, date_started, state, date_reached, escalation_step,
                    create_uid, write_uid, create_date, write_date)
        SELECT c.id, c.company_id, %(policy)s, m.metric, %(calendar)s, m.hours, 0,
               CASE WHEN m.metric = 'solution' THEN c.date_registered END,
               CASE WHEN m.metric = 'solution' THEN 'running' ELSE 'reached' END,
               CASE WHEN m.metric = 'first_response' THEN c.date_registered + interval '1 hour' END, 0,
               1, 1, now() at time zone 'utc', now() at time zone 'utc'
          FROM crm_followup_complaint_ticket c
         CROSS JOIN (VALUES ('first_response', 4.0), ('solution', 32.0)) AS m(metric, hours)
         WHERE c.team_id = %(team)s""", dict(policy=policy.id, calendar=china.id, team=team.id))
    cr.execute("SELECT id FROM crm_followup_sla_line WHERE state = 'running' ORDER BY id")
    return [row[0] for row in cr.fetchall()], policy


def vacuum(db):
    import odoo
    cr = odoo.sql_db.db_connect(db).cursor()
    try:
        cr.autocommit(True)
        cr.execute("VACUUM ANALYZE crm_followup_sla_line")
        cr.execute("VACUUM ANALYZE crm_followup_complaint_ticket")
    finally:
        cr.close()


def measure_deadlines(env, line_ids):
    """(seconds, queries) of planning these lines with the fast clock."""
    lines = env["crm.followup.complaint.sla"].browse(line_ids)
    with timer() as t, query_counter(env.cr) as q:
        lines._replan()
    return t.seconds, q.count


def measure_calendar(env, line_ids):
    """resource.calendar.plan_hours per line on a sample: (seconds for all, sample size, mismatches)."""
    from odoo import fields
    step = max(1, len(line_ids) // CALENDAR_SAMPLE)
    sample = line_ids[::step][:CALENDAR_SAMPLE]
    env.cr.execute("SELECT id, date_started, target_hours, deadline FROM crm_followup_sla_line WHERE id = ANY(%s)",
                   [sample])
    rows = env.cr.fetchall()
    calendar = env.ref("crm_followup.resource_calendar_china").with_context(tz="Asia/Shanghai")
    mismatches = []
    with timer() as t:
        results = [(row, calendar.plan_hours(row[2], fields.Datetime.from_string(row[1]), compute_leaves=True))
                   for row in rows]
    for (line_id, started, hours, deadline), planned in results:
        if planned.replace(microsecond=0) != fields.Datetime.from_string(deadline):
            mismatches.append((line_id, started, hours, deadline, planned))
    return t.seconds * len(line_ids) / max(len(rows), 1), len(rows), mismatches


def due_line_ids(env, now):
    env.cr.execute("SELECT id FROM crm_followup_sla_line WHERE state = 'running' AND deadline <= %s", [now])
    return [row[0] for row in env.cr.fetchall()]


def working_moment(env, after):
    """A moment 90 working minutes into the working time that follows `after` (a weekday morning
    in Shanghai, lunch and holidays skipped): the 5-minute run is measured inside working hours,
    where deadlines, warnings and steps fall."""
    from odoo import fields
    from odoo.addons.crm_followup.models import followup_dates as dates
    from odoo.addons.crm_followup.models.sla_clock import to_datetime, to_seconds
    china = env.ref("crm_followup.resource_calendar_china")
    clock = china._followup_clock(dates.to_date(after))
    return fields.Datetime.to_string(to_datetime(clock.moment(clock.position(to_seconds(after)) + 90 * 60)))


def _status_mb(key):
    with open("/proc/self/status") as status:
        return int(dict(line.split(":", 1) for line in status)[key].split()[0]) / 1024.0


@contextmanager
def peak_memory():
    """(resident MB before, peak resident MB during the block): Linux's high-water mark reset before it
    (/proc/self/clear_refs), so the peak is the block's own, not an earlier step's."""
    result = Memory()
    with open("/proc/self/clear_refs", "w") as clear:
        clear.write("5")
    result.before = _status_mb("VmRSS")
    try:
        yield result
    finally:
        result.peak = _status_mb("VmHWM")


class Memory(object):
    before = peak = 0.0

    def text(self):
        return "%.0f MB (+%.0f MB over the %.0f MB before)" % (self.peak, max(0.0, self.peak - self.before),
                                                               self.before)


def measure_floor(env, ids):
    env.cr.execute("SAVEPOINT bench_floor")
    with timer() as t:
        env.cr.execute("UPDATE crm_followup_sla_line SET state = 'failed', date_failed = deadline WHERE id = ANY(%s)",
                       [ids])
    env.cr.execute("ROLLBACK TO SAVEPOINT bench_floor")
    return t.seconds


# What a run writes: the lines' columns it changes, and the tables its notices insert into.
RUN_LINE_COLUMNS = ("state", "date_failed", "date_warning", "date_warned", "escalation_step", "date_escalation")
NOTICE_TABLES = (("mail_activity", "id"), ("mail_message", "id"), ("mail_mail", "id"),
                 ("mail_mail_res_partner_rel", "mail_mail_id"))


def _columns(cr, table):
    cr.execute("""SELECT attname, format_type(atttypid, atttypmod) FROM pg_attribute
                   WHERE attrelid = %s::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum""", [table])
    return cr.fetchall()


def written_rows(env, now, company_ids):
    """Run once in a savepoint and keep what it wrote (the changed lines' columns and every row its
    notices inserted), for the written-rows floor; rolled back."""
    cr = env.cr
    maxima = {}
    for table, key in NOTICE_TABLES:
        cr.execute("SELECT COALESCE(max(%s), 0) FROM %s" % (key, table))
        maxima[table] = cr.fetchone()[0]
    maxima["mail_mail_res_partner_rel"] = maxima["mail_mail"]
    # a line the run changes ends failed, warned or stepped: compare those before and after
    touched = "SELECT id, " + ", ".join(RUN_LINE_COLUMNS) + """ FROM crm_followup_sla_line
                 WHERE state = 'failed' OR date_warned IS NOT NULL OR escalation_step > 0"""
    cr.execute(touched)
    before = set(cr.fetchall())
    cr.execute("SAVEPOINT bench_rows")
    env["crm.followup.complaint.sla"]._run(now, company_ids)
    cr.execute(touched)
    rows = {"lines": [row for row in cr.fetchall() if row not in before]}
    del before
    for table, key in NOTICE_TABLES:
        cr.execute("SELECT * FROM %s WHERE %s > %%s" % (table, key), [maxima[table]])
        rows[table] = cr.fetchall()
    cr.execute("ROLLBACK TO SAVEPOINT bench_rows")
    env.clear()
    return rows


def measure_written_floor(env, rows):
    """The bare SQL that writes the same rows as the run: one UPDATE of the changed lines' columns,
    one INSERT per notice table of the very rows the run inserted (values as parameters)."""
    cr = env.cr
    types = dict(_columns(cr, "crm_followup_sla_line"))
    statements = [(
        "UPDATE crm_followup_sla_line l SET " + ", ".join("%s = v.%s" % (c, c) for c in RUN_LINE_COLUMNS)
        + " FROM unnest(%s::int[], " + ", ".join("%%s::%s[]" % types[c] for c in RUN_LINE_COLUMNS)
        + ") AS v(id, " + ", ".join(RUN_LINE_COLUMNS) + ") WHERE l.id = v.id",
        [list(column) for column in zip(*rows["lines"])])]
    for table, _key in NOTICE_TABLES:
        columns = _columns(cr, table)
        statements.append((
            "INSERT INTO %s (%s) SELECT * FROM unnest(%s)" % (
                table, ", ".join('"%s"' % name for name, _type in columns),
                ", ".join("%%s::%s[]" % type_ for _name, type_ in columns)),
            [list(column) for column in zip(*rows[table])] if rows[table] else [[] for _c in columns]))
    cr.execute("SAVEPOINT bench_written")
    with timer() as t:
        for sql, params in statements:
            cr.execute(sql, params)
    cr.execute("ROLLBACK TO SAVEPOINT bench_written")
    return t.seconds, sum(len(rows[name]) for name in rows)


def measure_run(env, now, company_ids, keep=False):
    """(seconds, queries, counts, counts of a second run at the same moment, Memory)."""
    if not keep:
        env.cr.execute("SAVEPOINT bench_run")
    Sla = env["crm.followup.complaint.sla"]
    with peak_memory() as memory, timer() as t, query_counter(env.cr) as q:
        counts = Sla._run(now, company_ids)
    again = Sla._run(now, company_ids)
    if not keep:
        env.cr.execute("ROLLBACK TO SAVEPOINT bench_run")
    env.clear()
    return t.seconds, q.count, counts, again, memory


def measure_naive(env, now):
    """The ORM loop a first implementation would write, per open complaint (read its lines, write
    the ones due, one mail.activity.create and one message_post per notice; one step per run, plain
    texts: cheaper than the real work), on an evenly spread sample, extrapolated to all open
    complaints. Returns (seconds, sample size, Memory)."""
    from odoo import fields
    env.cr.execute("SAVEPOINT bench_naive")
    Complaint = env["crm.followup.complaint"]
    Activity = env["mail.activity"]
    activity_type = env.ref("crm_followup.mail_activity_type_complaint_sla")
    model_id = env["ir.model"]._get("crm.followup.complaint").id
    with timer() as t_search:
        all_ids = Complaint.search([("state", "in", ("new", "in_progress", "waiting"))], order="id").ids
    complaints = Complaint.browse(all_ids[::max(1, len(all_ids) // NAIVE_SAMPLE)][:NAIVE_SAMPLE])
    nowdt = fields.Datetime.from_string(now)
    with peak_memory() as memory, timer() as t_loop:
        for complaint in complaints:
            for line in complaint.sla_ids:
                notify = None
                if line.state == "running" and line.deadline and line.deadline <= now:
                    line.write({"state": "failed", "date_failed": line.deadline})
                    notify = complaint.team_id.leader_id
                elif (line.state == "running" and line.date_warning and line.date_warning <= now
                      and not line.date_warned):
                    line.write({"date_warned": now})
                    notify = complaint.user_id
                elif line.state == "failed" and line.date_escalation and line.date_escalation <= now:
                    line.write({"escalation_step": line.escalation_step + 1})
                    notify = complaint.team_id.leader_id
                if notify:
                    Activity.create({"res_model_id": model_id, "res_id": complaint.id, "user_id": notify.id,
                                     "activity_type_id": activity_type.id, "summary": complaint.name,
                                     "date_deadline": nowdt.date()})
                    complaint.message_post(body=complaint.name, subject=complaint.name,
                                           partner_ids=notify.partner_id.ids, subtype="mail.mt_note")
    env.cr.execute("ROLLBACK TO SAVEPOINT bench_naive")
    env.clear()
    return t_search.seconds + t_loop.seconds * len(all_ids) / max(len(complaints), 1), len(complaints), memory


def main():
    from odoo import fields
    args = bench_args(__doc__)
    n = args.size
    label = "{:,}".format(n)
    count = "{:,}".format
    with scratch_db(args.db, "sla") as db:
        with odoo_env(db, commit=True) as env:
            running, _policy = setup(env, n)
        vacuum(db)
        # (2) the deadlines of the new lines, then committed for (1)
        with odoo_env(db, commit=True) as env:
            with peak_memory() as plan_memory:
                planned, plan_queries = measure_deadlines(env, running)
            per_line, sample, mismatches = measure_calendar(env, running)
        vacuum(db)
        with odoo_env(db) as env:
            moment = working_moment(env, fields.Datetime.now())
        earlier = fields.Datetime.to_string(fields.Datetime.from_string(moment) - timedelta(minutes=5))
        with odoo_env(db) as env:  # rolled back: message_post's mails must not be sent at commit
            companies = [env.user.company_id.id]
            backlog_ids = due_line_ids(env, earlier)
            backlog_floor = measure_floor(env, backlog_ids)
            rows = written_rows(env, earlier, companies)
            backlog_written, backlog_rows = measure_written_floor(env, rows)
            del rows
            backlog_naive = measure_naive(env, earlier)
        with odoo_env(db, commit=True) as env:
            backlog = measure_run(env, earlier, companies, keep=True)   # committed: the next run's past
        vacuum(db)
        with odoo_env(db) as env:
            step_ids = due_line_ids(env, moment)
            rows = written_rows(env, moment, companies)
            written, written_count = measure_written_floor(env, rows)
            del rows
            floors, runs = [], []
            for _i in range(2):  # interleaved, best of two: the machine is shared
                floors.append(measure_floor(env, step_ids))
                runs.append(measure_run(env, moment, companies))
            floor = min(floors)
            run = min(runs, key=lambda result: result[0])
            naive = measure_naive(env, moment)
    assert backlog[3] == (0, 0, 0), backlog[3]
    assert run[3] == (0, 0, 0), run[3]
    window = "5-min run at %s UTC (working hours): %s failed, %s warned, %s steps" % (
        moment[11:16], count(run[2][0]), count(run[2][1]), count(run[2][2]))
    report(window, run[0], "s", floor, "SQL floor: one UPDATE of the %s lines failed" % count(len(step_ids)))
    report("5-min run vs the SQL writing the same rows", run[0], "s", written,
           "bare UPDATE + INSERTs of the same %s rows" % count(written_count))
    report("5-min run vs naive ORM loop, %s open" % label, run[0], "s", naive[0],
           "ORM per complaint, sample of %s, scaled" % count(naive[1]))
    report("5-min run: SQL statements", run[1], "queries")
    report("5-min run: peak memory", run[4].peak, "MB", None, None, run[4].text())
    report("5-min naive ORM loop: peak memory (sample)", naive[2].peak, "MB", None, None, naive[2].text())
    backlog_name = "backlog run: %s failed, %s warned, %s steps" % tuple(count(c) for c in backlog[2])
    report(backlog_name, backlog[0], "s", backlog_floor,
           "SQL floor: one UPDATE of the %s lines failed" % count(len(backlog_ids)))
    report("backlog run vs the SQL writing the same rows", backlog[0], "s", backlog_written,
           "bare UPDATE + INSERTs of the same %s rows" % count(backlog_rows))
    report("backlog run vs naive ORM loop, %s open" % label, backlog[0], "s", backlog_naive[0],
           "ORM per complaint, sample of %s, scaled" % count(backlog_naive[1]))
    report("backlog run: SQL statements", backlog[1], "queries")
    report("backlog run: peak memory", backlog[4].peak, "MB", None, None, backlog[4].text())
    report("second run at the same moment: notices", sum(backlog[3]) + sum(run[3]), "notices")
    report("deadlines of %s new lines (fast clock)" % label, planned, "s", per_line,
           "resource.calendar.plan_hours per line, extrapolated from %s" % sample)
    report("deadlines: identical to resource.calendar in the sample", sample - len(mismatches), "lines")
    report("deadlines: SQL statements", plan_queries, "queries")
    report("deadlines: peak memory", plan_memory.peak, "MB", None, None, plan_memory.text())
    assert not mismatches, mismatches[:5]


if __name__ == "__main__":
    main()
