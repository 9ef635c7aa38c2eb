"""Slack: the messages hosts get (`blocks`), the buttons they press (`interactions`) and
the Web API client both use (`client`). Delivery itself is a notifier,
`channels.notify.slack`, which builds on this package (never the other way round)."""
