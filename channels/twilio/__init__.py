"""What every Twilio-facing channel shares: request signatures and the REST client."""
