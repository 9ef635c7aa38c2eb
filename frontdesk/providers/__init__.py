"""The one place that chooses providers: for each seam, the real provider whose
credentials are set, else the embedded default, and the line `/health` shows for it.

One module per seam: `understanding` (rules or an LLM), `speech_in` and `speech_out` (the
phone's recogniser and voices), `voice` (the phone channel made of them), `notifiers`
(Slack, SMS, console; Slack's buttons), `badges` (the printer), `telephony` (the Twilio
account, call control). Channels and vendors get plain values from here, never the
settings. `extras` turns a configured vendor whose SDK is not installed into a one-line
start-up error naming the extra to install.
"""

from __future__ import annotations

from typing import Any

# What `/health` shows for one seam: `provider` (which one is in use), and `ok: False`
# with an `error` or `reason` when it cannot work as configured, and details.
Health = dict[str, Any]
