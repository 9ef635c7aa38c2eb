"""How staff are told: one module per notifier implementing the `Notifier` Protocol that
the outbox owns (`core.notifications.notifier`)."""
