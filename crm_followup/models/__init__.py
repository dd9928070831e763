from . import crm_followup_grade
from . import res_partner
