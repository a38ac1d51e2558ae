"""Schema 1: office profile, settings, users and roles, audit trail, number sequences.

The models below are a frozen copy of the tables as this step creates them; later steps alter them.
"""
import peewee as pw

from db.migrations.frozen import base_model

DESCRIPTION = "机关信息、设置、用户与角色、审计日志、编号序列"

ROLES = [
    ("clerk", "经办人"),
    ("section_head", "科室负责人"),
    ("secrecy_reviewer", "保密审查员"),
    ("leader", "分管领导"),
    ("principal", "主要领导"),
    ("supervisor", "监督员"),
    ("admin", "管理员"),
]


def apply(db):
    Base = base_model(db)

    # The audit table is created first: tools that look for "the audit table" find the log, not its head.
    class AuditLog(Base):
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

    class AuditHead(Base):
        seq = pw.IntegerField()
        hash = pw.TextField()

        class Meta:
            table_name = "audit_head"

    class Office(Base):
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

    class User(Base):
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

    class Role(Base):
        code = pw.TextField(primary_key=True)
        name = pw.TextField()

        class Meta:
            table_name = "role"

    class UserRole(Base):
        user = pw.ForeignKeyField(User, on_delete="CASCADE")
        role = pw.ForeignKeyField(Role, field=Role.code, column_name="role_code")

        class Meta:
            table_name = "user_role"
            indexes = ((("user", "role"), True),)

    class Setting(Base):
        key = pw.TextField(primary_key=True)
        value = pw.TextField()
        updated_at = pw.DateTimeField()
        updated_by = pw.ForeignKeyField(User, null=True, column_name="updated_by")

        class Meta:
            table_name = "setting"

    class NumberSequence(Base):
        name = pw.TextField()
        year = pw.IntegerField()
        value = pw.IntegerField(default=0)

        class Meta:
            table_name = "number_sequence"
            indexes = ((("name", "year"), True),)

    db.create_tables([AuditLog, AuditHead, Office, User, Role, UserRole, Setting, NumberSequence])
    Role.insert_many(ROLES, fields=[Role.code, Role.name]).execute()
