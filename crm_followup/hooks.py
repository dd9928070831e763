from odoo import SUPERUSER_ID, api


def post_init_hook(cr, registry):
    """Partners that were customers before the addon came get a pool: see
    crm.followup.pool._ensure_default_pools."""
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["crm.followup.pool"].with_context(lang=env.user.lang)._ensure_default_pools()
