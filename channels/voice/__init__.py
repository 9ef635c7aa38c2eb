"""The phone channel: Twilio Media Streams in, the agent's reply spoken back.

`codec` (μ-law ⇄ PCM, resampling), `twilio_stream` (the Media Streams JSON messages),
`vad` and `turns` (who is speaking, when a turn ends, barge-in), `player` (outbound frames
and marks), `call` (one call: audio in → recogniser → agent → synthesiser → audio out),
and the speech providers behind two Protocols: `stt/` and `tts/`, one module per vendor.
"""
