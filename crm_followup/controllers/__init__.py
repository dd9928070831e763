from . import mail
from . import report_xlsx
from . import portal
