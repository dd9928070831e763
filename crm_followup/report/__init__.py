from . import crm_followup_xlsx_base
from . import crm_followup_record_xlsx
from . import crm_followup_deal_report_xlsx
from . import crm_followup_pool_log_xlsx
from . import res_partner_xlsx
from . import crm_followup_activity_report
from . import crm_followup_activity_report_xlsx
from . import crm_followup_visit_team_xlsx
