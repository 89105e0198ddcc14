// Inside an embedded survey: tell the partner's page how tall the survey is, so its iframe
// fits. It answers only a page whose origin is on the partner's list (data-heard-parents on
// <body>), and only after that page has said hello, so heights go nowhere else.
const allowed = (document.body.dataset.heardParents || "").split(" ").filter(Boolean);
let parentOrigin = null;

// The height of the page's content: not the document's scroll height, which never drops
// below the iframe's own height, so a shorter page would keep a frame too tall.
function contentHeight() {
  return Math.ceil(document.body.getBoundingClientRect().height);
}

function sendHeight() {
  if (parentOrigin) {
    const height = contentHeight();
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
  new ResizeObserver(sendHeight).observe(document.body);
}
