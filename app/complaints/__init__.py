"""举报投诉 and 政民互动 (DOMAIN.md §4)."""
