"""Local stand-ins that speak real vendors' wire protocols on loopback (Slack's Web API,
Twilio's REST API), with failures a test can script: a 500, a 429 with Retry-After, an
answer that never comes. The clients under test are the vendors' own SDKs."""
