from . import test_customer_archive
