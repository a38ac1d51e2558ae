"""All tables. Modules add theirs in a file of their own and a migration step."""
from db.models.assessment import GradeBands, IndicatorTable, Round, RoundUnit, Score
from db.models.calendar import CalendarDay, CalendarYear
from db.models.complaints import (ComplaintCase, ComplaintEvent, ComplaintFile, ComplaintSupervision,
                                    IdentityView)
from db.models.core import AuditHead, AuditLog, NumberSequence, Office, Role, Setting, User, UserRole
from db.models.guide import CatalogueAdjustment, GuideText, GuideVersion, StandardItem, StandardItemVersion
from db.models.ocr import TextLayer, TextLine
from db.models.publication import Coordination, InfoItem, ItemEvent, ItemFile, ItemRecord, ScreenFinding
from db.models.redaction import Redaction, RedactionMark, RedactionRelease
from db.models.report import AnnualReportEntry, ReviewCase
from db.models.supervisors import (AccessEntry, Attendance, Briefing, BriefingFile, Opinion, OpinionEvent,
                                   Supervisor, SupervisorTerm)
from db.models.requests import (Attachment, ClockStop, Consultation, Delivery, Fee, IssuedDocument, Request,
                                RequestEvent)

__all__ = ["AuditHead", "AuditLog", "CalendarDay", "CalendarYear", "NumberSequence", "Office", "Role", "Setting",
           "User", "UserRole", "Attachment", "ClockStop", "Consultation", "Delivery", "Fee", "IssuedDocument", "Request",
           "RequestEvent", "AnnualReportEntry", "ReviewCase", "InfoItem", "ItemEvent", "ItemFile", "ScreenFinding",
           "Coordination", "ItemRecord", "Redaction", "RedactionMark", "RedactionRelease", "ComplaintCase",
           "ComplaintEvent", "ComplaintFile", "ComplaintSupervision", "IdentityView", "Supervisor",
           "SupervisorTerm", "Opinion", "OpinionEvent", "Briefing", "Attendance", "BriefingFile", "AccessEntry",
           "IndicatorTable", "GradeBands", "Round", "RoundUnit", "Score", "GuideText", "GuideVersion", "StandardItem",
           "StandardItemVersion", "CatalogueAdjustment", "TextLayer", "TextLine"]
