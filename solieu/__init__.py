"""Số Liệu: cited answers to Vietnamese questions about figures in news articles."""

__version__ = "0.1.0"
