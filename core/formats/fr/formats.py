"""French numbers as printed in France and at the UN in Geneva: groups of three digits
separated by a narrow no-break space ("3 064"), which Django's own French formats
separate by a wide one. Everything else is Django's (django/conf/locale/fr/formats.py)."""

THOUSAND_SEPARATOR = "\u202f"
NUMBER_GROUPING = 3
