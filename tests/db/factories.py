"""Valid registration data for tests: a natural person and a company."""
import datetime as dt


def person(**over):
    data = {
        "applicant_type": "natural", "applicant_name": "陈小红", "id_type": "resident_id",
        "id_number": "11010519491231002X", "phone": "13812345678", "address": "某某县城关镇人民路12号",
        "postcode": "675000", "email": "", "channel": "in_person", "received_date": dt.date(2026, 3, 6),
        "description": "2025年城关镇农村危房改造补助资金发放名单", "purpose": "了解补助政策落实情况",
        "form_wanted": "paper", "delivery_wanted": "post",
    }
    data.update(over)
    return data


def company(**over):
    data = {
        "applicant_type": "commercial", "applicant_name": "某某建设工程有限公司", "uscc": "91350100M000100Y43",
        "legal_rep": "刘大伟", "contact_person": "周丽", "phone": "0878-3123456", "address": "某某县工业园区8号",
        "channel": "registered_mail", "received_date": dt.date(2026, 3, 9),
        "description": "某某路道路拓宽工程招标文件及中标结果", "form_wanted": "electronic", "delivery_wanted": "email",
        "email": "zhouli@example.com",
    }
    data.update(over)
    return data
