"""Pure rules of the complaints (客户投诉), on plain values, unit-tested on their own
(tests/test_complaint_rules.py)."""


def _clean(text):
    return (text or "").strip()


def assignment_rule_matches(rule, complaint):
    """Whether an assignment rule applies to a complaint. Both are dicts of plain values:

    - rule: `category_ids`, `grade_ids` (sets of ids, empty: any), `city`, `district` (texts, empty: any);
    - complaint: `category_id`, `grade_id` (ids or False), `city`, `address` (the customer's city and
      its address lines, where Chinese addresses name the district: 福田区).

    Every condition the rule sets must hold: the category and the customer's grade are among the
    rule's, the city is the rule's (spaces ignored), the district appears in the address."""
    if rule["category_ids"] and complaint["category_id"] not in rule["category_ids"]:
        return False
    if rule["grade_ids"] and complaint["grade_id"] not in rule["grade_ids"]:
        return False
    if _clean(rule["city"]) and _clean(rule["city"]) != _clean(complaint["city"]):
        return False
    if _clean(rule["district"]) and _clean(rule["district"]) not in (complaint["address"] or ""):
        return False
    return True


def next_in_turn(member_ids, last_id):
    """In turn (轮流): the member after the last one assigned, in the order of `member_ids`, the
    first after the last member or when the last one assigned is no longer a member."""
    if not member_ids:
        return None
    if last_id in member_ids:
        return member_ids[(member_ids.index(last_id) + 1) % len(member_ids)]
    return member_ids[0]


def least_loaded(member_ids, open_counts):
    """By load: the member with the fewest open complaints (`open_counts`: {member id: count},
    missing means none); on a tie, the first in the order of `member_ids`."""
    if not member_ids:
        return None
    return min(member_ids, key=lambda member: (open_counts.get(member, 0), member_ids.index(member)))
