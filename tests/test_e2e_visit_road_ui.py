"""On the road in the browser: the salesperson checks in at a customer from the phone, the
browser reporting a (fake) position, and the plan's route picture, at desktop and phone size."""
from conftest import SCREENS
from test_e2e_ui import browse
from test_e2e_visit_road import local_today, monday, plan_of, visit_for

ROAD = ["crm_followup.crm_followup_menu_root", "crm_followup.crm_followup_road_menu"]
# 王芳's day in 广州 天河: from the 深圳 福田 office (the demo company's) to four customers
OFFICE = (22.5431, 114.0579)
STOPS = [((23.1370, 113.3190), "02:30:00"),   # 体育西: 10:30 local, after 2.5 hours on the road
         ((23.1317, 113.3245), "03:15:00"),   # 天河城
         ((23.1190, 113.3215), "06:00:00"),   # 珠江新城
         ((23.1064, 113.3245), "07:30:00")]   # 广州塔
CUSTOMER_POINT = STOPS[0][0]


def wangfang_day(admin, wang):
    """Today's route of 王芳: four stops from the office (made once, shared by the tests)."""
    plan = plan_of(admin, wang.uid, monday())
    admin.call("crm.followup.visit.plan", "write", [plan], {
        "start_label": "公司", "start_latitude": OFFICE[0], "start_longitude": OFFICE[1]})
    # her day is these four: the demo's plan of the week may have visits today too
    admin.call("crm.followup.visit", "unlink", admin.call("crm.followup.visit", "search", [
        ("plan_id", "=", plan), ("date", "=", str(local_today()))]))
    visits = [visit_for(admin, wang, point, local_today(), offset=4 + index, arrival=arrival)
              for index, (point, arrival) in enumerate(STOPS)]
    return plan, visits


def test_check_in_on_the_phone(server, admin):
    """王芳 opens 在路上 on her phone: today's stops in order with the arrival time, a number to
    tap and the 高德 / 百度 links; standing 40 m from the customer she taps 签到 (Check In): no
    coordinates typed, the phone's position is verified, and the stop says so."""
    wang = server.rpc("wangfang")
    _plan, visits = wangfang_day(admin, wang)
    visit = visits[0]
    partner = wang.call("crm.followup.visit", "read", [visit], ["partner_id"])[0]["partner_id"][0]
    here = {"latitude": CUSTOMER_POINT[0] + 0.00036, "longitude": CUSTOMER_POINT[1]}
    stop = ".o_followup_road_stop:has(.o_followup_road_checkin[data-id='%d'])" % visit
    shots = browse(server, "wangfang", [
        {"name": "road_route", "wait": stop, "menus": ROAD,
         "texts": {"arrival": stop + " .o_followup_road_arrival", "amap": stop + " .o_followup_road_amap"}},
        {"name": "road_checked_in", "wait": stop, "menus": [],
         "then": [{"click": ".o_followup_road_checkin[data-id='%d']" % visit,
                   "see": ".o_followup_road_checked_in .o_followup_road_checkin_info"}],
         "texts": {"info": ".o_followup_road_checked_in .o_followup_road_checkin_info",
                   "notice": ".o_notification"}},
        {"name": "road_nearby", "wait": ".o_followup_road_tabs", "menus": [],
         "then": [{"click": ".o_followup_road_tab[data-tab='nearby']", "see": ".o_followup_road_near",
                   "fits": ".o_followup_road_near"}],
         "texts": {"first": ".o_followup_road_near .o_followup_road_name",
                   "distance": ".o_followup_road_near .o_followup_road_distance"}},
    ], screen=SCREENS["phone"], geolocation=here)
    assert shots["road_route"]["texts"]["arrival"] == "10:30", "the arrival in her time zone"
    assert shots["road_route"]["texts"]["amap"].endswith("高德")
    seen = wang.call("crm.followup.visit", "read", [visit], ["state", "checkin_verified", "checkin_distance_m"])[0]
    assert seen["state"] == "checked_in" and seen["checkin_verified"]
    assert 35 <= seen["checkin_distance_m"] <= 45
    assert "40 米" in shots["road_checked_in"]["texts"]["info"]
    name = wang.call("res.partner", "read", [partner], ["name"])[0]["name"]
    assert shots["road_nearby"]["texts"]["first"] == name, "the customer she stands at comes first"
    assert shots["road_nearby"]["texts"]["distance"] == "40 米"


def test_route_picture_in_the_plan(server, admin, screen):
    """The plan's form shows its route picture: the week in one SVG, each day in its own."""
    wang = server.rpc("wangfang")
    # opened in its app (the app's name in the top bar, the plans in the breadcrumb)
    action, root = (admin.call("ir.model.data", "xmlid_to_res_id", xmlid) for xmlid in (
        "crm_followup.crm_followup_visit_plan_action", "crm_followup.crm_followup_menu_root"))
    plan = plan_of(admin, wang.uid, monday())
    if not wang.call("crm.followup.visit", "search_count", [("plan_id", "=", plan)]):
        wangfang_day(admin, wang)
    shots = browse(server, "wangfang", [
        {"name": "route_picture", "wait": ".o_form_view",
         "path": "/web#id=%d&model=crm.followup.visit.plan&view_type=form&action=%d&menu_id=%d" % (
             plan, action, root),
         "then": [{"click": ".o_notebook .nav-tabs li:last-child a", "see": "svg.o_followup_route_picture"},
                  {"scroll": ".o_notebook"}],
         "texts": {"stops": ".o_followup_route_picture_field"}},
    ], screen=screen)
    assert "公司" in shots["route_picture"]["texts"]["stops"], "the start point is drawn and named"
