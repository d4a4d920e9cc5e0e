"""mlsquiz: offline practice exams for the AWS Machine Learning certifications."""

__version__ = "0.1.0"
