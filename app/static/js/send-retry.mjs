// On a kiosk, a network blip must not lose the person's answers. This sends the "Send my
// answers" form with fetch and, if the network drops or the server is busy, tries again with
// the same journey token until it works. The server stores one response per token, so trying
// again can never send the answers twice. Answers are never kept in the browser. The words
// come from the page (data-sending, data-retrying), in the page's language.
const RETRY_SECONDS = [2, 4, 8, 15];

function statusArea(form) {
  let area = form.querySelector(".heard-send-retry__status");
  if (!area) {
    area = document.createElement("p");
    area.className = "govuk-body heard-send-retry__status";
    area.setAttribute("role", "status");
    form.prepend(area);
  }
  return area;
}

async function sendOnce(form) {
  const response = await fetch(form.action, {
    method: "POST",
    body: new URLSearchParams(new FormData(form)),
    credentials: "same-origin",
    redirect: "follow",
  });
  if (response.status >= 500) {
    throw new Error("busy");
  }
  return response;
}

async function send(form) {
  for (let attempt = 0; ; attempt += 1) {
    try {
      const response = await sendOnce(form);
      if (response.redirected && response.ok) {
        window.location.assign(response.url);
      } else {
        // The server has something to say (an expired page, say): let it show its own page.
        form.submit();
      }
      return;
    } catch {
      const wait = RETRY_SECONDS[Math.min(attempt, RETRY_SECONDS.length - 1)];
      statusArea(form).textContent = form.dataset.retrying;
      await new Promise((resolve) => { setTimeout(resolve, wait * 1000); });
    }
  }
}

export function start(form) {
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const button = form.querySelector("button");
    if (button) {
      button.disabled = true;
    }
    statusArea(form).textContent = form.dataset.sending;
    send(form);
  });
}
