"""Twilio's side of a phone call, played against a running frontdesk: a development tool.

The simulator does what Twilio does when someone rings the lobby number: it POSTs the
signed `/twilio/voice` webhook, reads the `<Connect><Stream>` TwiML, opens the Media Stream
WebSocket with a signed handshake (signed over the `wss://` URL from the TwiML, connected to
wherever the server really listens), sends `connected` and `start`, and from then on a
continuous stream of 20 ms μ-law frames in real time — silence between utterances, since a
phone line never goes quiet on the wire. Each scripted line is spoken into that stream by
the receptionist's own local voices (Piper's US English voice for English, espeak-ng
otherwise).

It plays back what it receives as Twilio would: outbound media goes into a buffer played
in real time, a `mark` is echoed once the audio before it has played, `clear` empties the
buffer and echoes the marks still pending. It measures, per turn, the time from the last
voiced frame of the caller's line to the first audio frame back, and for a barge-in the
time from the first frame of the caller's speech to the server's `clear`.

Used by `frontdesk simulate-call` (imported only when that command runs), by the
end-to-end tests and by the voice benchmarks. The pieces: `script` (what the caller does),
`setup` (where and as whom to call), `voices` (the caller's voice), `dial` (the webhook and
the handshake), `line` (the real-time stream, both ways), `call` (one call, the script
played over the line), `report` (what was measured) and `cli` (the command's body).
"""
