"""report-writer: 政协年度工作综述写作助手."""

__version__ = "0.1.0"
