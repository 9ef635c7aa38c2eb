"""Text-to-speech providers behind one Protocol (`base.SpeechSynth`), one module per
vendor: `elevenlabs` (streaming), `azure` (Estonian neural voices), `espeak` (espeak-ng,
offline; the embedded default), `piper` (offline English neural voice); `voices` holds a
voice per language as the phone channel uses them (a cloud voice with a local stand-by)."""
