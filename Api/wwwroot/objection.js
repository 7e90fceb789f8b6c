'use strict';
// Files an objection on the public API (files read in the browser and sent in base64), looks one up by its receipt and, once
// rejected, asks for its reconsideration.
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
      const code = document.createElement('strong');
      code.id = 'new-code';
      code.textContent = body.applicantCode;
      // The code is answered once and shown nowhere else: the courts see the receipt, so only the code proves the applicant.
      result.append(receipt, '。请妥善保存，凭回执号查询进度。Keep it to follow your objection.', document.createElement('br'),
        '申请人校验码 Applicant code: ', code,
        '。仅此一次显示，请抄写并妥善保管，勿告知他人；申请复议时须填写。Shown only now: write it down and keep it to yourself; asking for reconsideration needs it.');
      $('receipt').value = body.receipt;
    } else {
      result.classList.add('error');
      result.textContent = '未受理 Not accepted (' + response.status + '): ' + problems(body);
    }
  });

  // What the API answers in English names, as the applicant reads it.
  const statuses = {
    UnderReview: '受理审查中', Upheld: '异议成立，待更正或撤销', Rejected: '已驳回', UnderReconsideration: '复议审查中',
    CorrectionOrdered: '复议决定更正或撤销，待执行', ReconsiderationRejected: '复议已驳回', Remedied: '已更正或撤销', Moot: '已终结（名单信息已不再公布）',
  };
  const deadlines = { Review: '审查期限', Correction: '更正或撤销期限', ReconsiderationRequest: '申请复议期限', Reconsideration: '复议期限' };
  const steps = {
    Filed: '提交异议', Upheld: '异议成立', Rejected: '驳回异议', ReconsiderationRequested: '申请复议', CorrectionOrdered: '复议决定更正或撤销',
    ReconsiderationRejected: '驳回复议', Remedied: '已更正或撤销', Moot: '异议终结',
  };
  let courts = {};
  const courtsLoaded = fetch('/api/v1/public/courts')
    .then(response => response.ok ? response.json() : [])
    .then(list => { courts = Object.fromEntries(list.map(court => [court.code, court.name])); })
    .catch(() => {});
  const courtName = code => (code && courts[code]) || code || '';
  // A step's day in China time (UTC+8, no daylight saving), as the deadlines count it; not the UTC day of the instant.
  const chinaDay = instant => new Date(Date.parse(instant) + 8 * 3600 * 1000).toISOString().slice(0, 10);

  async function show(body) {
    await courtsLoaded;
    $('state-status').textContent = statuses[body.status] || body.status;
    $('state-deadline').textContent = body.deadline
      ? (deadlines[body.deadline.kind] || body.deadline.kind) + ' ' + (body.deadline.due || ('日历缺少 ' + body.deadline.missingCalendarYear + ' 年'))
        + (body.deadline.due && body.deadline.due < chinaDay(new Date().toISOString()) ? '（已过）' : '')
      : '—';
    $('state-court').textContent = courtName(body.enforcingCourt);
    $('state-steps').replaceChildren(...body.steps.map(step => {
      const item = document.createElement('li');
      item.textContent = chinaDay(step.at) + ' ' + courtName(step.court) + ' ' + (steps[step.kind] || step.kind) + '：' + step.text;
      return item;
    }));
    // Art. 12: the request is made within 10 days; once its last day has passed in China, the form would only be refused.
    const requestable = body.status === 'Rejected' && body.deadline && body.deadline.kind === 'ReconsiderationRequest'
      && !(body.deadline.due && body.deadline.due < chinaDay(new Date().toISOString()));
    $('reconsider-form').hidden = !requestable;
    $('state').hidden = false;
  }

  let shownReceipt = null;
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
    result.classList.remove('error');
    result.textContent = '';
    shownReceipt = body.receipt;
    await show(body);
  });

  // Art. 12: the rejected applicant asks the next-higher court, under one Idempotency-Key per request shown.
  let reconsiderKey = newKey();
  $('reconsider-form').addEventListener('submit', async event => {
    event.preventDefault();
    const response = await fetch('/api/v1/public/objections/' + encodeURIComponent(shownReceipt) + '/reconsideration', {
      method: 'POST', headers: { 'Content-Type': 'application/json', 'Idempotency-Key': reconsiderKey },
      body: JSON.stringify({ grounds: $('reconsider-grounds').value, applicantCode: $('reconsider-code').value.trim() || null }),
    });
    const body = await response.json().catch(() => null);
    if (response.ok) {
      reconsiderKey = newKey();
      result.classList.remove('error');
      result.textContent = '已申请复议 Reconsideration asked of ' + courtName(body.reconsideringCourt);
      await show(body);
    } else {
      result.classList.add('error');
      result.textContent = '未受理 Not accepted (' + response.status + '): ' + problems(body);
    }
  });
})();
