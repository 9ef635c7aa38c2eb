// The lobby kiosk. Tap Talk (or type): the microphone goes to /kiosk/stream as 16 kHz PCM
// (kiosk-mic.js), the receptionist's voice comes back as 8 kHz PCM and is played with Web
// Audio; each sentence's mark is sent back when its audio has played, so the server knows
// what the visitor heard (a barge-in, a resumed sentence). Captions show what is said.
// While the server hears the visitor speaking ("hearing"), the page says so. "Call a person"
// asks the server for a person without words (a caller's 0): once, the front desk is told to
// come and the visitor is told so. "Done", the
// server ending the conversation, or a long quiet resets the kiosk; a visitor handed over
// (the front desk was told to come) keeps the words on screen a while longer.
(function () {
  "use strict";
  const main = document.getElementById("kiosk");
  const log = document.getElementById("log");
  const statusLine = document.getElementById("status");
  const hearingLine = document.getElementById("hearing");
  const talk = document.getElementById("talk");
  const done = document.getElementById("done");
  const person = document.getElementById("person");
  const composer = document.getElementById("composer");
  const input = document.getElementById("text");
  const words = main.dataset;
  const language = document.documentElement.lang || "en";
  const OUT_RATE = 8000;
  const HANDED_OVER_MS = 30000; // the visitor waits for someone: the words stay this long
  const idleMs = Math.max(30, Number(words.idleSeconds) || 96) * 1000;

  let socket = null;
  let audio = null; // AudioContext
  let mic = null; // MediaStream
  let nextTime = 0; // when the audio sent so far ends, on audio.currentTime's clock
  let sources = [];
  let marks = []; // {name, timer}
  let captions = new Map(); // mark -> <li>, not yet heard
  let pendingText = [];
  let pendingPerson = false; // "Call a person" was tapped before the line was open
  let idleTimer = null;
  let resetTimer = null;
  let ticker = null;
  let handedOver = false; // the server said the front desk was told to come

  function show(text, role, cls) {
    const item = document.createElement("li");
    item.className = cls || (role === "visitor" ? "me" : "them");
    item.textContent = text; // never markup: text only
    log.appendChild(item);
    log.scrollTop = log.scrollHeight;
    return item;
  }

  function setStatus(text, problem) {
    statusLine.textContent = text || "";
    statusLine.classList.toggle("problem", Boolean(problem));
  }

  function setHearing(active) {
    hearingLine.textContent = active ? words.hearing : "";
    main.dataset.hearing = active ? "yes" : "no";
  }

  function touch() {
    clearTimeout(idleTimer);
    if (socket) idleTimer = setTimeout(reset, idleMs);
  }

  function send(message) {
    if (socket && socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(message));
  }

  // --- the receptionist's voice ---------------------------------------------------------

  function play(buffer) {
    if (!audio) return;
    const pcm = new Int16Array(buffer);
    if (!pcm.length) return;
    const clip = audio.createBuffer(1, pcm.length, OUT_RATE);
    const data = clip.getChannelData(0);
    for (let i = 0; i < pcm.length; i++) data[i] = pcm[i] / 32768;
    const source = audio.createBufferSource();
    source.buffer = clip;
    source.connect(audio.destination);
    const at = Math.max(audio.currentTime + 0.05, nextTime);
    source.start(at);
    nextTime = at + clip.duration;
    sources.push(source);
    source.onended = function () {
      sources = sources.filter(function (s) { return s !== source; });
    };
  }

  function markPlayed(name) {
    const wait = audio ? Math.max(0, nextTime - audio.currentTime) : 0;
    const entry = { name: name, timer: 0 };
    entry.timer = setTimeout(function () {
      marks = marks.filter(function (m) { return m !== entry; });
      captions.delete(name);
      send({ event: "mark", name: name });
    }, wait * 1000);
    marks.push(entry);
  }

  function clearVoice() {
    sources.forEach(function (s) { try { s.stop(); } catch (e) { /* already over */ } });
    sources = [];
    marks.forEach(function (m) { clearTimeout(m.timer); });
    marks = [];
    captions.forEach(function (item) { item.classList.add("cut"); });
    captions.clear();
    nextTime = audio ? audio.currentTime : 0;
  }

  function onMessage(event) {
    touch();
    if (typeof event.data !== "string") {
      play(event.data);
      return;
    }
    let message;
    try { message = JSON.parse(event.data); } catch (e) { return; }
    if (message.event === "mark") markPlayed(message.name);
    else if (message.event === "clear") clearVoice();
    else if (message.event === "hearing") setHearing(message.active === true);
    else if (message.event === "ended") handedOver = message.by === "transferred";
    else if (message.event === "caption") {
      const item = show(message.text, message.role);
      if (message.mark) captions.set(message.mark, item);
    }
  }

  // --- the conversation -------------------------------------------------------------------

  async function begin(withMic) {
    if (socket) return;
    clearTimeout(resetTimer);
    handedOver = false;
    main.dataset.state = "talking";
    done.hidden = false;
    setStatus(words.connecting);
    audio = new (window.AudioContext || window.webkitAudioContext)();
    await audio.resume();
    const scheme = location.protocol === "https:" ? "wss:" : "ws:";
    socket = new WebSocket(scheme + "//" + location.host + "/kiosk/stream");
    socket.binaryType = "arraybuffer";
    socket.onmessage = onMessage;
    socket.onclose = function (event) { ended(event.code === 1000); };
    const opened = new Promise(function (resolve) { socket.onopen = resolve; });
    if (withMic) {
      try {
        await startMic();
      } catch (e) {
        setStatus(words.noMic, true);
      }
    }
    await opened;
    send({ event: "start", language: language });
    pendingText.forEach(function (text) { send({ event: "text", text: text }); });
    pendingText = [];
    if (pendingPerson) send({ event: "person" });
    pendingPerson = false;
    if (!statusLine.classList.contains("problem")) setStatus("");
    ticker = setInterval(tick, 250);
    touch();
  }

  async function startMic() {
    mic = await navigator.mediaDevices.getUserMedia({
      audio: { channelCount: 1, echoCancellation: true, noiseSuppression: true, autoGainControl: true },
    });
    await audio.audioWorklet.addModule("/static/kiosk-mic.js");
    const source = audio.createMediaStreamSource(mic);
    const node = new AudioWorkletNode(audio, "kiosk-mic");
    node.port.onmessage = function (event) {
      if (socket && socket.readyState === WebSocket.OPEN) socket.send(event.data);
    };
    const mute = audio.createGain();
    mute.gain.value = 0; // the worklet must be pulled by the graph, but not heard
    source.connect(node);
    node.connect(mute);
    mute.connect(audio.destination);
  }

  function tick() {
    if (!socket || statusLine.classList.contains("problem")) return;
    const speaking = audio && audio.currentTime < nextTime;
    setStatus(speaking ? words.speaking : mic ? words.listening : "");
  }

  function stopEverything() {
    clearInterval(ticker);
    clearTimeout(idleTimer);
    clearVoice();
    setHearing(false);
    if (mic) mic.getTracks().forEach(function (track) { track.stop(); });
    mic = null;
    if (audio) audio.close();
    audio = null;
    const open = socket;
    socket = null;
    if (open) {
      open.onclose = null;
      open.onmessage = null;
      if (open.readyState === WebSocket.OPEN) open.send(JSON.stringify({ event: "stop" }));
      open.close(1000);
    }
  }

  function ended(cleanly) {
    // The receptionist said goodbye, or the lobby was quiet: let the last words play out.
    const left = audio ? Math.max(0, nextTime - audio.currentTime) : 0;
    const wasOpen = socket;
    socket = null;
    if (!wasOpen) return;
    const helped = handedOver;
    setTimeout(function () {
      stopEverything();
      if (helped) show(words.handedOver, "", "notice");
      else show(cleanly ? words.goodbye : words.lost, "", "notice");
      setStatus("");
      resetTimer = setTimeout(reset, helped ? HANDED_OVER_MS : cleanly ? 6000 : 10000);
    }, left * 1000 + 300);
  }

  function reset() {
    stopEverything();
    clearTimeout(resetTimer);
    log.textContent = "";
    input.value = "";
    pendingText = [];
    pendingPerson = false;
    person.disabled = false;
    handedOver = false;
    setStatus("");
    done.hidden = true;
    main.dataset.state = "idle";
  }

  talk.addEventListener("click", function () { begin(true); });
  done.addEventListener("click", reset);
  person.addEventListener("click", function () {
    person.disabled = true; // asked once: the front desk is told once
    touch();
    if (socket && socket.readyState === WebSocket.OPEN) send({ event: "person" });
    else {
      pendingPerson = true;
      begin(false);
    }
  });
  composer.addEventListener("submit", function (event) {
    event.preventDefault();
    const text = input.value.trim();
    if (!text) return;
    input.value = "";
    touch();
    if (socket && socket.readyState === WebSocket.OPEN) send({ event: "text", text: text });
    else {
      pendingText.push(text);
      begin(false);
    }
  });
})();
