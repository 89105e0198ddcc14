// Heard's embed helper, for a partner's own web page. It finds the Heard iframes on the page
// and sets each one's height to the height of the survey inside, so nobody has to scroll a
// box inside a page; each new page of the survey is shown from its top. It talks only to Heard's own origin (the origin this script came from),
// and accepts height messages only from Heard's frames. Without it the iframe still works.
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script) { return; }
  var heardOrigin = new URL(script.src).origin;

  function heardFrames() {
    return Array.prototype.filter.call(document.querySelectorAll("iframe[data-heard-embed]"),
      function (frame) { return new URL(frame.src, location.href).origin === heardOrigin; });
  }

  function greet(frame) {
    if (frame.contentWindow) {
      frame.contentWindow.postMessage({ type: "heard:hello" }, heardOrigin);
    }
  }

  window.addEventListener("message", function (event) {
    if (event.origin !== heardOrigin || !event.data || event.data.type !== "heard:height") {
      return;
    }
    var height = Number(event.data.height);
    if (!isFinite(height) || height < 100 || height > 20000) { return; }
    heardFrames().forEach(function (frame) {
      if (frame.contentWindow === event.source) {
        frame.style.height = Math.ceil(height) + "px";
      }
    });
  });

  // A new page of the survey opens where the person pressed its button, at the foot of a
  // tall frame: bring the top of the frame back into view, as a new page would be shown.
  function showTop(frame) {
    if (frame.getBoundingClientRect().top < 0) {
      frame.scrollIntoView({ block: "start" });
    }
  }

  heardFrames().forEach(function (frame) {
    frame.addEventListener("load", function () { greet(frame); showTop(frame); });
    greet(frame);
  });
})();
