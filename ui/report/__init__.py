"""年度报告: the annual disclosure report's window — the office checks the computed tables, enters what only it knows,
writes the text sections and prints or exports the report (条例第四十九条、第五十条)."""
