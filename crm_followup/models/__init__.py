from . import crm_followup_grade
from . import res_partner
from . import crm_followup_pool
from . import crm_followup_pool_log
from . import res_partner_pool
from . import res_users
