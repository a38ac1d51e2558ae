"""依申请公开: the request register, from receipt to the delivered, archived reply (条例第二十七条至第四十五条)."""
