"""The phone channel: Twilio Media Streams in, the agent's reply spoken back.

`codec` (μ-law ⇄ PCM, resampling), `stream_events` and `twilio_stream` (the Media Streams
messages and their JSON), `vad` and `turns` (who is speaking, when a turn ends, barge-in),
`player` and `speaking` (outbound frames and marks, the receptionist's sentences), `call`
(one call's media loop) with `listening` (audio in → recogniser) and `conversation` (what
is said and done, fed `call_jobs`), `call_seams` (what a call consumes), and the speech
providers behind two Protocols: `stt/` and `tts/`, one module per vendor.
"""
