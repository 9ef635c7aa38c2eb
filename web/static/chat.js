// The web chat: one session per page load, replies streamed over SSE, later messages
// (the host is on the way) pushed on /events. Everything shown is set with textContent,
// so nothing a visitor or an employee typed is ever interpreted as HTML.
(function () {
  "use strict";
  // Every URL is relative to the server this script came from (its folder's parent), never
  // root-relative: the page works framed by the widget and behind a path prefix alike.
  const server = new URL("..", document.currentScript.src);
  const api = (path) => new URL("api/chat/" + path, server).href;
  const log = document.getElementById("log");
  const form = document.getElementById("composer");
  const input = document.getElementById("text");
  const send = document.getElementById("send");
  const status = document.getElementById("status");
  let sessionId = null;
  let events = null;
  // The widget's data-language arrives as ?lang=; else the browser's language.
  const asked = new URLSearchParams(location.search).get("lang");
  let language = (asked || navigator.language || "en").slice(0, 2);
  if (!["en", "et", "ru"].includes(language)) language = "en";

  function bubble(kind, text) {
    const li = document.createElement("li");
    li.className = kind;
    li.textContent = text;
    log.appendChild(li);
    li.scrollIntoView({ block: "end" });
    return li;
  }

  function setLanguage(lang) {
    language = lang;
    document.documentElement.lang = lang;
    for (const b of document.querySelectorAll(".languages button")) {
      b.setAttribute("aria-pressed", String(b.dataset.lang === lang));
    }
  }

  async function startSession() {
    const res = await fetch(api("sessions"), {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ language }),
    });
    if (!res.ok) throw new Error("Could not start a chat (" + res.status + ")");
    const session = await res.json();
    sessionId = session.session_id;
    log.replaceChildren();
    bubble("them", session.greeting);
    if (events) events.close();
    events = new EventSource(api("sessions/" + sessionId + "/events"));
    events.onmessage = (e) => showPushed(e.data);
    for (const kind of ["host_response", "notice"]) {
      events.addEventListener(kind, (e) => showPushed(e.data));
    }
  }

  function showPushed(data) {
    try {
      const payload = JSON.parse(data);
      if (payload.text) bubble("them", payload.text);
    } catch (_) { /* not for us */ }
  }

  // Parse an SSE body from fetch(): EventSource cannot POST.
  async function* sseEvents(response) {
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let buffer = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let cut;
      while ((cut = buffer.indexOf("\n\n")) >= 0 || (cut = buffer.indexOf("\r\n\r\n")) >= 0) {
        const block = buffer.slice(0, cut);
        buffer = buffer.slice(cut).replace(/^(\r?\n){2}/, "");
        let event = "message", data = "";
        for (const line of block.split(/\r?\n/)) {
          if (line.startsWith("event:")) event = line.slice(6).trim();
          else if (line.startsWith("data:")) data += line.slice(5).trim();
        }
        if (data) yield { event, data: JSON.parse(data) };
      }
    }
  }

  async function say(text) {
    bubble("me", text);
    const reply = bubble("them", "…");
    let streamed = "";
    const res = await fetch(api("sessions/" + sessionId + "/messages"), {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "text/event-stream" },
      body: JSON.stringify({ text }),
    });
    if (!res.ok) {
      const body = await res.json().catch(() => ({}));
      reply.remove();
      throw new Error(body.detail || "The receptionist could not answer (" + res.status + ")");
    }
    for await (const { event, data } of sseEvents(res)) {
      if (event === "delta") { streamed += data.text; reply.textContent = streamed; }
      if (event === "message") {
        reply.textContent = data.reply;
        setLanguage(data.language);
        if (data.done) bubble("notice", "✓");
      }
    }
  }

  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const text = input.value.trim();
    if (!text) return;
    input.value = "";
    send.disabled = true;
    status.textContent = "";
    try {
      if (!sessionId) await startSession();
      await say(text);
    } catch (err) {
      status.textContent = err.message;
    } finally {
      send.disabled = false;
      input.focus();
    }
  });

  async function restart(lang) {
    setLanguage(lang);
    status.textContent = "";
    try {
      await startSession(); // a new conversation in the chosen language
    } catch (err) {
      status.textContent = err.message;
    }
    input.focus();
  }

  for (const b of document.querySelectorAll(".languages button")) {
    b.addEventListener("click", () => restart(b.dataset.lang));
  }
  restart(language);
})();
