"""Visitor badges: what one shows and the printer seam (`printer`), and the worker that
draws and prints the badge a check-in queued (`worker`)."""
