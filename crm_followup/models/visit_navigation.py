"""Links that open navigation to a customer in the common Chinese map apps (pure Python).

The web URIs of 高德 (uri.amap.com) and 百度 (api.map.baidu.com) open the app when it is
installed on the phone (`callnative=1`) and the map page in the browser otherwise. The points
are the ones stored in Odoo and read from the phone's browser, in WGS-84 (GPS): both services
are told so (`coordinate=wgs84`, `coord_type=wgs84`) and shift them to their own map datum
(GCJ-02, BD-09) themselves.
"""
from urllib.parse import urlencode

SOURCE = "crm_followup"


def amap_url(lat, lon, name):
    """高德: navigation by car from where the phone is to the point."""
    return "https://uri.amap.com/navigation?" + urlencode([
        ("to", "%.6f,%.6f,%s" % (lon, lat, name or "")), ("mode", "car"), ("coordinate", "wgs84"),
        ("callnative", "1"), ("src", SOURCE)])


def baidu_url(lat, lon, name):
    """百度: the point on the map, with its 导航 button."""
    return "https://api.map.baidu.com/marker?" + urlencode([
        ("location", "%.6f,%.6f" % (lat, lon)), ("title", name or ""), ("content", name or ""),
        ("coord_type", "wgs84"), ("output", "html"), ("src", SOURCE)])


def links(lat, lon, name):
    """{"amap": url, "baidu": url} for a point, or {} without one."""
    if lat is None or lon is None:
        return {}
    return {"amap": amap_url(lat, lon, name), "baidu": baidu_url(lat, lon, name)}
