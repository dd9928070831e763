from . import test_customer_archive
from . import test_i18n
from . import test_followup_record
from . import test_followup_cadence
from . import test_pool_takeback
from . import test_pool_claims
from . import test_pool_ownership
