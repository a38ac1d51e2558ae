"""依申请公开: the request register's pages."""
