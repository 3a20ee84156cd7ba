// Asks before sending a form that carries data-confirm (or is sent by a button that does). The question is
// page text in an attribute, never part of a script, so a rule or tag name in it is only ever text.
document.addEventListener("submit", (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement)) return;
  const question = (event.submitter && event.submitter.dataset.confirm) || form.dataset.confirm;
  if (question && !window.confirm(question)) event.preventDefault();
});
