"""The text catalogue, one module per page: each defines ``TEXTS = {key: {"en": ..., "ko": ...}}``."""
