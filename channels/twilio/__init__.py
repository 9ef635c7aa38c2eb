"""What every Twilio-facing channel shares: the account, request signatures and the REST
client. The `twilio` SDK is an optional extra: only the modules that talk to Twilio import
it, and a server without Twilio credentials never does."""
