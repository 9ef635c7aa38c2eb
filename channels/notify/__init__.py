"""How staff are told: one module per notifier behind the `Notifier` Protocol."""

from channels.notify.base import DeliveryError, Notifier, OutgoingMessage, Recipient

__all__ = ["DeliveryError", "Notifier", "OutgoingMessage", "Recipient"]
