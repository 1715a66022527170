"""Exercise figures drawn from poses: ``pose`` (pure geometry) and ``draw`` (reportlab)."""
