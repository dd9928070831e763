from . import crm_followup_grade
from . import res_partner
from . import crm_followup_method
from . import crm_followup_result
from . import crm_followup_record
from . import crm_followup_deal_report
from . import crm_lead
from . import res_company
