"""Visitor badges: drawn as PDF (`pdf`, with `fonts` for every script) and printed through
CUPS (`cups`), behind the printer seam the badge worker owns (`core.badges.printer`)."""
