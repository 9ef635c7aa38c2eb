// The web chat: one session per page load, replies streamed over SSE, later messages
// (the host is on the way) pushed on /events. Everything shown is set with textContent,
// so nothing a visitor or an employee typed is ever interpreted as HTML.
(function () {
  "use strict";
  const log = document.getElementById("log");
  const form = document.getElementById("composer");
  const input = document.getElementById("text");
  const send = document.getElementById("send");
  const status = document.getElementById("status");
  const words = document.querySelector("main.chat").dataset;
  let sessionId = null;
  let events = null;
  // The server chose the page's language (?lang=, the remembered choice, or the browser's
  // Accept-Language); the conversation starts in it, so the first greeting matches the page.
  const language = document.documentElement.lang || "en";

  function bubble(kind, text, lang) {
    const li = document.createElement("li");
    li.className = kind;
    li.textContent = text;
    if (lang) li.lang = lang;
    log.appendChild(li);
    li.scrollIntoView({ block: "end" });
    return li;
  }

  async function startSession() {
    const res = await fetch("/api/chat/sessions", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ language }),
    });
    if (!res.ok) throw new Error(words.errorStart);
    const session = await res.json();
    sessionId = session.session_id;
    log.replaceChildren();
    bubble("them", session.greeting, language);
    if (events) events.close();
    events = new EventSource("/api/chat/sessions/" + sessionId + "/events");
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
    const res = await fetch("/api/chat/sessions/" + sessionId + "/messages", {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "text/event-stream" },
      body: JSON.stringify({ text }),
    });
    if (!res.ok) {
      reply.remove();
      throw new Error(words.errorAnswer);
    }
    for await (const { event, data } of sseEvents(res)) {
      if (event === "delta") { streamed += data.text; reply.textContent = streamed; }
      if (event === "message") {
        reply.textContent = data.reply;
        reply.lang = data.language; // the visitor may have switched language mid-way
        if (data.done) bubble("notice", "✓").setAttribute("aria-label", words.done);
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

  startSession().catch((err) => { status.textContent = err.message; });
})();
