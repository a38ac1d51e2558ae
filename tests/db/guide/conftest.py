"""A 公开事项 as a clerk would propose it."""


def item_data(**over):
    data = {"name": "财政预决算", "channel": "政府网站", "basis": "《中华人民共和国预算法》第十四条", "section": "财政管理",
            "subject": "某某镇人民政府", "content": "部门预算、决算", "manner": "主动公开", "time_limit": "每年",
            "phone": "0871-12345678", "unit": "财政所", "category": "财政管理"}
    data.update(over)
    return data
