"""The OParl 1.1 read API (issue 10, section 3), mounted at /oparl/v1/."""
