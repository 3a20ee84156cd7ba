// The rule form shows only the fields of the chosen reply type and names the pattern after the trigger.
// Without script every field shows, and the server ignores the ones the reply type does not use.
(function () {
  const form = document.getElementById('rule-form');
  if (!form) return;
  const replyType = document.getElementById('reply-type');
  const trigger = document.getElementById('trigger');
  const patternField = document.getElementById('pattern-field');
  const patternLabel = document.getElementById('pattern-label');
  const labels = JSON.parse(trigger.dataset.patternLabels);

  function showReplyFields() {
    form.querySelectorAll('fieldset[data-reply]').forEach(f => {
      f.hidden = !f.dataset.reply.split(' ').includes(replyType.value);
    });
  }
  function showPattern() {
    patternLabel.textContent = labels[trigger.value] || 'Pattern';
    patternField.hidden = trigger.value === 'default';
  }
  replyType.addEventListener('change', showReplyFields);
  trigger.addEventListener('change', showPattern);
  showReplyFields();
  showPattern();
})();
