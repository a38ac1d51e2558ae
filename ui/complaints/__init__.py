"""The 举报投诉 tab."""
