"""考核评议: the yearly assessment of the office's units, scored from the records (DOMAIN.md §6)."""
