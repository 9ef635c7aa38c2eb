"""The SMS channel: Twilio's webhook in (`webhook`), one text out (`compose`, measured by
`segments`), STOP/START/HELP (`keywords`, `optouts`) and each message taken once (`dedupe`)."""
