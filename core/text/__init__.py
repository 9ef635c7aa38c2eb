"""Text as every part of the receptionist compares it, written once: folding case and
diacritics (`fold`), reading Cyrillic in Latin letters (`translit`), numbers as words in
three languages (`numbers`) and phone numbers in one spelling, E.164 (`phones`)."""
