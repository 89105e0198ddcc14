// Inside an embedded survey: tell the partner's page how tall the survey is, so its iframe
// fits. It answers only a page whose origin is on the partner's list (data-heard-parents on
// <body>), and only after that page has said hello, so heights go nowhere else.
const allowed = (document.body.dataset.heardParents || "").split(" ").filter(Boolean);
let parentOrigin = null;

function sendHeight() {
  if (parentOrigin) {
    const height = document.documentElement.scrollHeight;
    window.parent.postMessage({ type: "heard:height", height }, parentOrigin);
  }
}

window.addEventListener("message", (event) => {
  if (!allowed.includes(event.origin) || !event.data || event.data.type !== "heard:hello") {
    return;
  }
  parentOrigin = event.origin;
  sendHeight();
});

if (window.parent !== window && "ResizeObserver" in window) {
  new ResizeObserver(sendHeight).observe(document.documentElement);
}
