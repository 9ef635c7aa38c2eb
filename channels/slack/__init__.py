"""Slack: the messages hosts get (`blocks`) and the buttons they press (`interactions`).
Delivery itself is a notifier, `channels.notify.slack`."""
