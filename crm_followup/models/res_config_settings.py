from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    """Settings > Customer Tracking: the current company's switches (res_company.py) and their
    parameters. A new capability adds its related field here and its box in the view."""

    _inherit = "res.config.settings"

    followup_pool_enabled = fields.Boolean(related="company_id.followup_pool_enabled")
    followup_pool_since = fields.Datetime(related="company_id.followup_pool_since", readonly=True)
    followup_cadence_enabled = fields.Boolean(related="company_id.followup_cadence_enabled")
    followup_birthday_enabled = fields.Boolean(related="company_id.followup_birthday_enabled")
    followup_birthday_days = fields.Integer(related="company_id.followup_birthday_days")
    followup_report_mail_enabled = fields.Boolean(related="company_id.followup_report_mail_enabled")
    followup_complaint_enabled = fields.Boolean(related="company_id.followup_complaint_enabled")
    followup_complaint_revisit_days = fields.Integer(related="company_id.followup_complaint_revisit_days")
    followup_complaint_low_rating_action = fields.Selection(related="company_id.followup_complaint_low_rating_action")
    followup_visit_enabled = fields.Boolean(related="company_id.followup_visit_enabled")
    followup_visit_detour = fields.Float(related="company_id.followup_visit_detour")
    followup_visit_speed = fields.Float(related="company_id.followup_visit_speed")
    followup_visit_long_speed = fields.Float(related="company_id.followup_visit_long_speed")
    followup_visit_city_km = fields.Float(related="company_id.followup_visit_city_km")
    followup_visit_max_per_day = fields.Integer(related="company_id.followup_visit_max_per_day")
    followup_checkin_radius = fields.Integer(related="company_id.followup_checkin_radius")
