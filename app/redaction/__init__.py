"""区分处理 / 非密处理: removing what may not be released from a PDF or a scanned image, and proving it is gone."""
