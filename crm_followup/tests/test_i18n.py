import ast
import io
import os
import re

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

    def test_terms_of_the_web_client_reach_it(self):
        """The web client loads only the terms marked "openerp-web" (the workbench's "Log
        Follow-up" button stayed English once its entry also served a form view): every term
        used in static/ JavaScript or QWeb carries the mark, and reaches the client in Chinese."""
        path = os.path.join(os.path.dirname(os.path.dirname(__file__)), "i18n", "zh_CN.po")
        web_entries = [entry for entry in polib.pofile(path)
                       if any("/static/src/" in where for where, _line in entry.occurrences)]
        self.assertIn("Log Follow-up", [entry.msgid for entry in web_entries])
        unmarked = sorted(entry.msgid for entry in web_entries if "openerp-web" not in (entry.comment or ""))
        self.assertFalse(unmarked, "terms of static/ the web client never loads: %s" % unmarked)
        # what /web/webclient/translations sends the client
        sent = self.env["ir.translation"].search_read([
            ("module", "=", "crm_followup"), ("lang", "=", "zh_CN"), ("comments", "like", "openerp-web"),
            ("src", "=", "Log Follow-up")], ["value"])
        self.assertEqual({t["value"] for t in sent}, {u"写跟进"})

    def test_selection_labels_reach_the_user_in_chinese(self):
        """Every choice of every selection field the addon defines reads Chinese in a Chinese
        session, including selections built in code (a callable selection is not translated by
        Odoo 11: "建议阶段 Acquisition" was shown that way)."""
        # time zones (Asia/Shanghai) are named the same in every language
        fields_of_addon = self.env["ir.model.fields"].search([("ttype", "=", "selection")]).filtered(
            lambda f: "crm_followup" in (f.modules or "").split(", ") and f.name != "tz")
        self.assertTrue(fields_of_addon)
        english = []
        for field in fields_of_addon:
            model = self.env[field.model].with_context(lang="zh_CN")
            for value, label in model.fields_get([field.name], ["selection"])[field.name]["selection"]:
                if label not in SAME_IN_CHINESE and not any(u"\u4e00" <= ch <= u"\u9fff" for ch in label):
                    english.append((field.model, field.name, value, label))
        self.assertFalse(english, "selection labels shown in English to a Chinese user: %s" % english)

    def test_strings_built_in_code_go_through_translation(self):
        """Text that code builds for users goes through _() where Odoo can find the language and
        exports it: no _() inside a lambda without `self` (it finds no language there and stays
        English, as the notes closing reminders on a take-back did), and no dict or list of
        labels outside a field's selection (Odoo neither exports nor translates those)."""
        addon = os.path.dirname(os.path.dirname(__file__))
        found = []
        for folder in ("models", "wizards", "report", "controllers"):
            for name in sorted(os.listdir(os.path.join(addon, folder))):
                if name.endswith(".py"):
                    path = os.path.join(addon, folder, name)
                    with open(path, encoding="utf-8") as source:
                        tree = ast.parse(source.read())
                    found += ["%s/%s:%s %s" % (folder, name, line, what) for line, what in _untranslated_in_code(tree)]
        self.assertFalse(found, "strings built in code that reach the user untranslated: %s" % found)


_LABEL = re.compile(r"^[A-Z][a-z]+ [\w ,.:'()%-]*$")


def _untranslated_in_code(tree):
    """(line, what) of each `_()` in a lambda that has no `self`, and of each English label in a
    dict, list or tuple that is neither a field's selection nor translated."""
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}

    def ancestors(node):
        while node in parents:
            node = parents[node]
            yield node

    def is_call_of(node, name):
        func = getattr(node, "func", None)
        return isinstance(node, ast.Call) and (
            isinstance(func, ast.Name) and func.id == name
            or isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.value.id == name)

    # module constants given to fields.Selection(...) are exported by Odoo like inline lists
    selection_constants = {arg.id for node in ast.walk(tree) if is_call_of(node, "fields")
                           for arg in node.args[:1] if isinstance(arg, ast.Name)}
    found = []
    for node in ast.walk(tree):
        if is_call_of(node, "_"):
            lambdas = [a for a in ancestors(node) if isinstance(a, ast.Lambda)]
            if lambdas and not any(arg.arg in ("self", "context", "cr") for arg in lambdas[0].args.args):
                found.append((node.lineno, "_() in a lambda without self"))
        elif isinstance(node, ast.Str) and _LABEL.match(node.s) \
                and isinstance(parents.get(node), (ast.Dict, ast.List, ast.Tuple)):
            outer = list(ancestors(node))
            if any(is_call_of(a, "_") or is_call_of(a, "fields") for a in outer):
                continue
            if any(isinstance(a, ast.Assign) and any(getattr(t, "id", None) in selection_constants for t in a.targets)
                   for a in outer):
                continue
            found.append((node.lineno, node.s))
    return found
