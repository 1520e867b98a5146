/* The admin's behaviour that its libraries wrote inline, bound from a file: the Content-Security-
   Policy runs no inline handler. django-import-export's export page has
   onchange="onSelectToggleChange(event)" on its "Select all" box. */
document.addEventListener("change", (event) => {
  if (event.target.matches('input.select-toggle[name="select-all-toggle"]') && typeof onSelectToggleChange === "function") {
    onSelectToggleChange(event);
  }
});
