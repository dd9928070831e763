from . import crm_followup_pool_assign
from . import crm_followup_pool_release
from . import crm_followup_pool_handover
from . import crm_followup_xlsx_export
from . import crm_followup_activity_report_wizard
from . import crm_followup_complaint_rating_wizard
from . import crm_followup_visit_area_wizard
