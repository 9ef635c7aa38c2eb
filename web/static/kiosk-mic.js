// The kiosk's microphone, as 16 kHz 16-bit PCM in 20 ms messages (640 bytes) to the page.
// Runs in the AudioWorklet: each output sample is the mean of the input samples it covers
// (a box filter, enough against aliasing for speech going on to an 8 kHz line).
class KioskMic extends AudioWorkletProcessor {
  constructor() {
    super();
    this.step = sampleRate / 16000; // input samples per output sample
    this.phase = 0;
    this.sum = 0;
    this.count = 0;
    this.out = new Int16Array(320);
    this.filled = 0;
  }

  process(inputs) {
    const channel = inputs[0] && inputs[0][0];
    if (!channel) return true;
    for (let i = 0; i < channel.length; i++) {
      this.sum += channel[i];
      this.count++;
      this.phase += 1;
      if (this.phase >= this.step) {
        this.phase -= this.step;
        const value = Math.max(-1, Math.min(1, this.sum / this.count));
        this.out[this.filled++] = value < 0 ? value * 32768 : value * 32767;
        this.sum = 0;
        this.count = 0;
        if (this.filled === this.out.length) {
          this.port.postMessage(this.out.buffer, [this.out.buffer]);
          this.out = new Int16Array(320);
          this.filled = 0;
        }
      }
    }
    return true;
  }
}

registerProcessor("kiosk-mic", KioskMic);
