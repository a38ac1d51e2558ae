"""帮助: the user guide inside the program and the empty ledger template."""
from ui.help.guide import GuideDialog, save_ledger_template

__all__ = ["GuideDialog", "save_ledger_template"]
