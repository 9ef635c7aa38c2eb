// The frontdesk chat widget. On any page of an allowed site (FRONTDESK_WIDGET_ORIGINS):
//   <script src="https://frontdesk.example/widget.js" data-language="et" async></script>
// A round button in the corner opens the receptionist's chat page in a frame, which talks to
// its own server. Styles are set through the DOM (element.style), which a host page's own
// Content-Security-Policy allows even when it forbids inline styles.
(function () {
  "use strict";
  const script = document.currentScript;
  if (!script || window.frontdeskWidget) return;
  const server = new URL(".", script.src);
  const wanted = (script.dataset.language || document.documentElement.lang || navigator.language || "en").slice(0, 2).toLowerCase();
  const language = ["en", "et", "ru"].includes(wanted) ? wanted : "en";
  const words = {
    en: { open: "Chat with reception", close: "Close the chat", title: "Reception chat" },
    et: { open: "Kirjuta vastuvõttu", close: "Sulge vestlus", title: "Vastuvõtu vestlus" },
    ru: { open: "Написать на ресепшен", close: "Закрыть чат", title: "Чат с ресепшеном" },
  }[language];

  const button = document.createElement("button");
  button.type = "button";
  button.className = "frontdesk-widget-button";
  button.setAttribute("aria-expanded", "false");
  button.setAttribute("aria-label", words.open);
  button.title = words.open;
  Object.assign(button.style, {
    position: "fixed", right: "16px", bottom: "16px", zIndex: "2147483647",
    width: "56px", height: "56px", borderRadius: "50%", border: "0", padding: "0",
    background: "#0b5cab", color: "#fff", fontSize: "26px", lineHeight: "56px",
    cursor: "pointer", boxShadow: "0 2px 8px rgba(0,0,0,.3)",
  });
  button.textContent = "💬";

  let frame = null;
  function open() {
    if (!frame) {
      // Loaded on first open only: a page view that never chats opens no session.
      frame = document.createElement("iframe");
      frame.className = "frontdesk-widget-frame";
      frame.title = words.title;
      frame.src = new URL("?lang=" + language, server).href;
      Object.assign(frame.style, {
        position: "fixed", right: "16px", bottom: "84px", zIndex: "2147483647",
        width: "min(380px, calc(100vw - 32px))", height: "min(600px, calc(100vh - 108px))",
        border: "1px solid #c6cdd6", borderRadius: "12px", background: "#f4f6f9",
        boxShadow: "0 4px 24px rgba(0,0,0,.25)",
      });
      document.body.appendChild(frame);
    }
    frame.hidden = false;
    button.setAttribute("aria-expanded", "true");
    button.setAttribute("aria-label", words.close);
    button.title = words.close;
    button.textContent = "×";
  }
  function close() {
    frame.hidden = true;
    button.setAttribute("aria-expanded", "false");
    button.setAttribute("aria-label", words.open);
    button.title = words.open;
    button.textContent = "💬";
  }
  button.addEventListener("click", () => (frame && !frame.hidden ? close() : open()));

  function mount() { document.body.appendChild(button); }
  if (document.body) mount(); else document.addEventListener("DOMContentLoaded", mount);
  window.frontdeskWidget = { open, close };
})();
