"""Speech-to-text providers behind one Protocol (`base.SpeechToText`), one module per
vendor: `deepgram` (streaming WebSocket API; one call's live session in
`deepgram_stream`), `whisper_local` (faster-whisper, offline; the embedded default)."""
