/**
 * `/embed.js`: `<script src="…/embed.js" data-form="FORM_ID" async></script>`
 * on any website puts the form after the tag. It fetches the form's markup
 * (the hosted page's fragment) with the host page's URL, referrer and UTM
 * parameters, and sends the form with fetch so the visitor stays on the page:
 * a refusal comes back as the form with its errors, a success as the thank-you
 * note or, when the form has a redirect URL, a navigation there. Plain ES5,
 * no dependencies: it runs on whatever page includes it.
 */
export const EMBED_SCRIPT = `(function () {
  var script = document.currentScript;
  if (!script || !script.getAttribute("data-form")) return;
  var base = new URL(script.src).origin;
  var formId = script.getAttribute("data-form");
  var box = document.createElement("div");
  box.className = "leadline-embed";
  script.parentNode.insertBefore(box, script.nextSibling);
  var here = new URLSearchParams(location.search);
  var query = new URLSearchParams({ source_url: location.href, referrer: document.referrer });
  ["utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content"].forEach(function (key) {
    if (here.get(key)) query.set(key, here.get(key));
  });
  function show(html) {
    box.innerHTML = html;
    var form = box.querySelector("form");
    if (form) form.addEventListener("submit", send);
    if (box.querySelector(".g-recaptcha")) {
      var widget = document.createElement("script");
      widget.src = "https://www.google.com/recaptcha/api.js";
      widget.async = true;
      document.head.appendChild(widget);
    }
  }
  function send(event) {
    event.preventDefault();
    var form = event.target;
    var button = form.querySelector("button[type=submit]");
    if (button) button.disabled = true;
    fetch(form.action, { method: "POST", body: new URLSearchParams(new FormData(form)) })
      .then(function (res) {
        var to = res.headers.get("x-leadline-redirect");
        if (to) { location.href = to; return; }
        return res.text().then(show);
      })
      .catch(function () {
        if (button) button.disabled = false;
        box.insertAdjacentHTML("afterbegin", '<p role="alert">The form could not be sent. Check your connection and try again.</p>');
      });
  }
  fetch(base + "/f/" + encodeURIComponent(formId) + "/embed?" + query.toString())
    .then(function (res) { return res.text(); })
    .then(show);
})();
`;
