'use strict';
// Files an objection on the public API (files read in the browser and sent in base64) and looks one up by its receipt.
(function () {
  const $ = id => document.getElementById(id);
  const result = $('result');

  // One Idempotency-Key per form shown: a double click or the same form sent again files one objection with one receipt. Once
  // filed, any change to the form makes it a new form with a new key; after a refusal the server has forgotten the key.
  function newKey() {
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    return [...bytes].map(b => b.toString(16).padStart(2, '0')).join('');
  }
  let filingKey = newKey();
  let filed = false;
  $('file-form').addEventListener('input', () => {
    if (filed) {
      filingKey = newKey();
      filed = false;
    }
  });

  $('role').addEventListener('change', () => {
    for (const label of document.querySelectorAll('.lawyer')) label.hidden = $('role').value !== 'Lawyer';
  });

  function base64(file) {
    return new Promise((resolve, reject) => {
      const reader = new FileReader();
      reader.onload = () => resolve(String(reader.result).split(',')[1] || '');
      reader.onerror = () => reject(reader.error);
      reader.readAsDataURL(file);
    });
  }

  function problems(body) {
    if (body && body.errors) return Object.entries(body.errors).map(([field, rules]) => field + ': ' + rules.join('; ')).join(' · ');
    return (body && (body.detail || body.title)) || '';
  }

  $('file-form').addEventListener('submit', async event => {
    event.preventDefault();
    result.classList.remove('error');
    result.textContent = '提交中… Sending…';
    const lawyer = $('role').value === 'Lawyer';
    const optional = id => $(id).value.trim() || null;
    const request = {
      documentType: $('documentType').value, number: $('number').value.trim(), caseNumber: $('caseNumber').value.trim(),
      applicant: { name: $('name').value.trim(), role: $('role').value, lawFirm: lawyer ? optional('lawFirm') : null, licenceNumber: lawyer ? optional('licenceNumber') : null },
      grounds: $('grounds').value, contact: { phone: $('phone').value.trim(), email: optional('email'), address: optional('address') },
      attachments: await Promise.all([...$('files').files].map(async file => ({ fileName: file.name, content: await base64(file) }))),
    };
    const response = await fetch('/api/v1/public/objections',
      { method: 'POST', headers: { 'Content-Type': 'application/json', 'Idempotency-Key': filingKey }, body: JSON.stringify(request) });
    const body = await response.json().catch(() => null);
    if (response.status === 201) {
      filed = true;
      result.textContent = '已受理，回执号 Receipt: ';
      const receipt = document.createElement('strong');
      receipt.id = 'new-receipt';
      receipt.textContent = body.receipt;
      result.append(receipt, '。请妥善保存，凭回执号查询进度。Keep it to follow your objection.');
      $('receipt').value = body.receipt;
    } else {
      result.classList.add('error');
      result.textContent = '未受理 Not accepted (' + response.status + '): ' + problems(body);
    }
  });

  $('lookup-form').addEventListener('submit', async event => {
    event.preventDefault();
    const response = await fetch('/api/v1/public/objections/' + encodeURIComponent($('receipt').value.trim()));
    const body = await response.json().catch(() => null);
    if (!response.ok) {
      result.classList.add('error');
      result.textContent = response.status === 404 ? '未找到该回执号 No objection with this receipt' : problems(body);
      $('state').hidden = true;
      return;
    }
    $('state-status').textContent = body.status;
    $('state-deadline').textContent = body.deadline
      ? body.deadline.kind + ' ' + (body.deadline.due || ('日历缺少 ' + body.deadline.missingCalendarYear + ' 年'))
      : '—';
    const steps = $('state-steps');
    steps.replaceChildren(...body.steps.map(step => {
      const item = document.createElement('li');
      item.textContent = step.at.slice(0, 10) + ' ' + (step.court || '') + ' ' + step.text;
      return item;
    }));
    $('state').hidden = false;
  });
})();
