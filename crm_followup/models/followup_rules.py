"""Pure date and rule arithmetic of follow-ups: plain values in, plain values out (unit-tested
on their own). Conversions of Odoo's date strings live in followup_dates."""
import calendar
from datetime import date, timedelta

RECENT_DAYS = 90  # the window over which follow-up activity is compared (last vs previous)


def birthday_occurrence(birthday, date_ref):
    """The first birthday on or after date_ref; 29 February falls on the 28th in common years."""
    for year in (date_ref.year, date_ref.year + 1):
        day = birthday.day
        if birthday.month == 2 and day == 29 and not calendar.isleap(year):
            day = 28
        occurrence = date(year, birthday.month, day)
        if occurrence >= date_ref:
            return occurrence
    raise AssertionError("unreachable: a birthday occurs within a year")


def birthday_window_keys(date_ref, days):
    """The 'MM-DD' keys of birthdays that fall within [date_ref, date_ref + days]."""
    keys = set()
    for offset in range(days + 1):
        day = date_ref + timedelta(days=offset)
        keys.add(day.strftime("%m-%d"))
        if day.month == 2 and day.day == 28 and not calendar.isleap(day.year):
            keys.add("02-29")
    return keys


def suggest_lifecycle(now, interval, won_count, last_won, last_followup, recent_count, previous_count):
    """Suggested lifecycle stage (客户生命周期) of a customer.

    :param now: reference datetime
    :param interval: the grade's follow-up interval in days (30 without a grade)
    :param won_count: number of won opportunities
    :param last_won: datetime of the last won opportunity (or None)
    :param last_followup: datetime of the last follow-up (or None)
    :param recent_count: follow-ups in the last RECENT_DAYS days
    :param previous_count: follow-ups in the RECENT_DAYS days before those

    The rule, first match wins:
    1. no won opportunity yet → ``acquisition`` (获取期);
    2. nothing heard for more than 2× the interval since the later of the last follow-up and
       the last win → ``departure`` (离开期);
    3. follow-up overdue (more than 1× the interval) or fewer follow-ups recently than in the
       period before → ``decline`` (衰退期);
    4. three or more won opportunities → ``maturity`` (成熟期);
    5. otherwise (won, followed up on time, steady or growing contact) → ``growth`` (提升期).
    """
    if not won_count:
        return "acquisition"
    silent_since = max(d for d in (last_followup, last_won) if d)
    silent_days = (now - silent_since).days
    if silent_days > 2 * interval:
        return "departure"
    if silent_days > interval or recent_count < previous_count:
        return "decline"
    if won_count >= 3:
        return "maturity"
    return "growth"
