"""The inspectors package's views, split by subject. Each module registers on ``bp``."""
