"""政务公开工作台: the office's rules and services. Never imports Qt or ``ui``."""
APP_NAME = "政务公开工作台"
APP_ID = "zhengwu-gongkai"
__version__ = "0.1.0"
