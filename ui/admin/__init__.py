"""系统管理: users and roles, the office profile, settings."""
