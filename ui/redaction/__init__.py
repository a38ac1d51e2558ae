"""区分处理 window."""
