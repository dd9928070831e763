import io
import os

import polib

from odoo.tests.common import TransactionCase
from odoo.tools.translate import trans_export

# Terms that read the same in Chinese.
SAME_IN_CHINESE = {"ID", "CRM", "SMS", "Email", "E-mail", "WeChat ID"}


class TestChineseTranslation(TransactionCase):

    def test_every_term_is_translated(self):
        """Every string the addon shows (fields, selections, views, menus, errors, data) has a
        Chinese translation in i18n/zh_CN.po: the export of the installed module is compared
        with the file, so a new untranslated string fails here."""
        buf = io.BytesIO()
        trans_export("zh_CN", ["crm_followup"], buf, "po", self.env.cr)
        exported = polib.pofile(buf.getvalue().decode("utf-8"))
        path = os.path.join(os.path.dirname(os.path.dirname(__file__)), "i18n", "zh_CN.po")
        # Odoo loads a translation per occurrence (this view, that field), not per string: an
        # occurrence the file does not list stays English even if the string is translated elsewhere.
        done = set()
        for entry in polib.pofile(path):
            if entry.msgstr and (entry.msgstr != entry.msgid or entry.msgid in SAME_IN_CHINESE
                                 or any(u"\u4e00" <= ch <= u"\u9fff" for ch in entry.msgid)):
                done.update((entry.msgid, where) for where, _line in entry.occurrences)
        missing = sorted({(e.msgid, where) for e in exported if e.msgid
                          for where, _line in e.occurrences} - done)
        self.assertFalse(missing, "untranslated in zh_CN.po (term, where): %s" % missing)

    def test_every_reference_is_one_odoo_loads(self):
        """Odoo 11 reads a reference "selection:model,field" or "code:path" without its ":line" as a
        code term and keeps one code term per entry: the others stay English on screen (the radio
        buttons of a wizard, for one) although the file translates them."""
        path = os.path.join(os.path.dirname(os.path.dirname(__file__)), "i18n", "zh_CN.po")
        unloaded = sorted({(entry.msgid, where) for entry in polib.pofile(path)
                           for where, line in entry.occurrences
                           if where.split(":")[0] in ("selection", "code") and not line})
        self.assertFalse(unloaded, "references without their ':0' (term, where): %s" % unloaded)
