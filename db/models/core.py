"""Foundation tables: office profile, settings, users and roles, audit trail, number sequences."""
import peewee as pw

from db.models.base import BaseModel


class Office(BaseModel):
    """机关信息: the one office this database belongs to (row id 1)."""
    name = pw.TextField()
    org_code = pw.TextField(default="")
    address = pw.TextField(default="")
    postcode = pw.TextField(default="")
    phone = pw.TextField(default="")
    fax = pw.TextField(default="")
    email = pw.TextField(default="")
    office_hours = pw.TextField(default="")
    website = pw.TextField(default="")
    updated_at = pw.DateTimeField()

    class Meta:
        table_name = "office"


class User(BaseModel):
    """用户. Never deleted: the audit trail refers to users; they are disabled instead."""
    username = pw.TextField(unique=True)
    display_name = pw.TextField()
    password_hash = pw.TextField()
    is_active = pw.BooleanField(default=True)
    failed_logins = pw.IntegerField(default=0)
    locked_until = pw.DateTimeField(null=True)
    must_change_password = pw.BooleanField(default=False)
    created_at = pw.DateTimeField()
    last_login_at = pw.DateTimeField(null=True)

    class Meta:
        table_name = "app_user"


class Role(BaseModel):
    code = pw.TextField(primary_key=True)
    name = pw.TextField()

    class Meta:
        table_name = "role"


class UserRole(BaseModel):
    user = pw.ForeignKeyField(User, backref="role_links", on_delete="CASCADE")
    role = pw.ForeignKeyField(Role, field=Role.code, column_name="role_code")

    class Meta:
        table_name = "user_role"
        indexes = ((("user", "role"), True),)


class Setting(BaseModel):
    """Key/value settings; the value is JSON, typed by the option declared in ``app.settings``."""
    key = pw.TextField(primary_key=True)
    value = pw.TextField()
    updated_at = pw.DateTimeField()
    updated_by = pw.ForeignKeyField(User, null=True, column_name="updated_by")

    class Meta:
        table_name = "setting"


class AuditLog(BaseModel):
    """审计日志: one row per change, hash-chained to the previous row."""
    seq = pw.IntegerField(unique=True)
    ts = pw.TextField()
    user_id = pw.IntegerField(null=True)
    username = pw.TextField()
    action = pw.TextField(index=True)
    entity = pw.TextField(index=True)
    entity_id = pw.TextField(null=True)
    before_json = pw.TextField(null=True)
    after_json = pw.TextField(null=True)
    prev_hash = pw.TextField()
    hash = pw.TextField()

    class Meta:
        table_name = "audit_log"


class AuditHead(BaseModel):
    """The chain's last link, so that deleting the newest rows is detectable too."""
    seq = pw.IntegerField()
    hash = pw.TextField()

    class Meta:
        table_name = "audit_head"


class NumberSequence(BaseModel):
    """Yearly counters of the numbering service (request numbers, 文号, 索引号)."""
    name = pw.TextField()
    year = pw.IntegerField()
    value = pw.IntegerField(default=0)

    class Meta:
        table_name = "number_sequence"
        indexes = ((("name", "year"), True),)
