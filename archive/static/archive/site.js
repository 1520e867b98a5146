/* The public site's behaviour, loaded from a file: the Content-Security-Policy runs no inline script. */
document.addEventListener("DOMContentLoaded", () => {
  /* Filters fold away on a phone; on a wide screen they start open. */
  if (window.matchMedia("(min-width: 48rem)").matches) {
    document.querySelectorAll("details[data-open-wide]").forEach((d) => { d.open = true; });
  }
  /* The home chart starts at the newest months. */
  document.querySelectorAll(".chart-scroll").forEach((el) => { el.scrollLeft = el.scrollWidth; });
});
