# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Customer Tracking",
    "summary": "Chinese-style customer tracking: customer archive, follow-up records, "
               "public customer pool with take-back rules",
    "version": "11.0.1.0.0",
    "category": "Sales",
    "website": "https://github.com/crm-followup/crm_followup",
    "author": "crm_followup developers",
    "license": "LGPL-3",
    "application": True,
    "depends": ["crm", "base_geolocalize", "report_xlsx"],
    "external_dependencies": {"python": ["xlsxwriter"]},
    "data": [
        "security/crm_followup_security.xml",
        "security/ir.model.access.csv",
        "data/crm_followup_grade_data.xml",
        "data/utm_source_data.xml",
        "views/crm_followup_grade_views.xml",
        "views/res_partner_views.xml",
        "views/crm_followup_menus.xml",
    ],
    "demo": [
        "demo/res_users_demo.xml",
        "demo/res_partner_demo.xml",
        "demo/crm_lead_demo.xml",
    ],
}
