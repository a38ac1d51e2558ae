"""The 发布审核 tab."""
