"""Telling people things later, through the outbox: what a notification says and to whom
(`compose`), which notifier carries it and where it goes when that one fails (`routing`),
the reminders and hand-overs that follow (`escalation`), and a host's answer relayed back
to the visitor (`host_response`). The worker that delivers them is `core.outbox`."""
