// The public search page for the dishonest-debtor list (失信被执行人名单).
// Plain script, no build step, no third-party code: it talks only to the platform's public API.
"use strict";

(() => {
  const api = "/api/v1/public/listings";
  const pageSize = 20;
  const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

  const texts = {
    zh: {
      htmlLang: "zh-CN",
      switchTo: "English",
      switchLabel: "Switch to English",
      title: "失信被执行人名单查询",
      lede: "依据《最高人民法院关于公布失信被执行人名单信息的若干规定》公布的失信被执行人信息。",
      nameLabel: "姓名/名称",
      namePlaceholder: "被执行人姓名或名称，可部分输入",
      idLabel: "身份证号码/统一社会信用代码",
      idPlaceholder: "完整的 18 位号码",
      caseLabel: "案号",
      casePlaceholder: "如 (2024)粤0103执1234号",
      courtLabel: "执行法院",
      courtPlaceholder: "法院代码，如 粤0103（选填）",
      kindLabel: "类型",
      kindAny: "全部",
      kindPerson: "自然人",
      kindEntity: "法人或其他组织",
      search: "查询",
      clear: "清空",
      hint: "姓名/名称、身份证号码/统一社会信用代码、案号至少填写一项。",
      loading: "正在查询…",
      empty: "未找到符合条件的失信被执行人",
      more: "更多结果",
      back: "返回结果",
      footer: "仅公布法律规定可以公开的信息；身份证号码隐去出生月日。被删除的失信信息不再公布。",
      needOne: "请至少填写姓名/名称、身份证号码/统一社会信用代码或案号中的一项。",
      nameLength: "姓名/名称须为 2 至 50 个字。",
      rateLimited: "查询过于频繁，请稍后再试",
      retryAfter: (seconds) => `请在 ${seconds} 秒后重试。`,
      invalid: "查询条件有误：",
      notFound: "该失信信息不存在或已被删除。",
      unavailable: "查询服务暂时不可用，请稍后再试。",
      person: "自然人",
      entity: "法人或其他组织",
      age: (years) => `${years}岁`,
      Male: "男",
      Female: "女",
      NotPerformed: "全部未履行",
      PartlyPerformed: "部分履行",
      documents: {
        ResidentId: "身份证号码",
        CreditCode: "统一社会信用代码",
        Passport: "护照号码",
        HongKongMacaoPermit: "港澳居民来往内地通行证号码",
        TaiwanPermit: "台湾居民来往大陆通行证号码",
      },
      // The API's refusals are in English; the page says each field's rule in Chinese and keeps the API's words beside it.
      rules: {
        name: "须为 2–50 个字，至少含 2 个文字或数字；可含空格、间隔号、连字符、撇号、句点和括号。",
        idNumber: "须为完整的身份证号码、统一社会信用代码或证件号码（5–20 位字母或数字）。",
        caseNumber: "须为完整的案号，例如 (2024)粤0103执1234号。",
        court: "须为法院代码，例如 粤0103。",
        region: "须为地区代码，例如 粤 或 粤01。",
        kind: "只能是自然人或法人或其他组织。",
        limit: "须为 1–50。",
        cursor: "翻页信息已失效，请重新查询。",
        givenTwice: "重复填写了多次，请只填写一次。",
      },
      fields: {
        name: "被执行人姓名/名称",
        sex: "性别",
        age: "年龄",
        residentId: "身份证号码",
        creditCode: "统一社会信用代码",
        legalRepresentative: "法定代表人或者负责人姓名",
        court: "执行法院",
        province: "省份",
        caseNumber: "案号",
        filingDate: "立案时间",
        enforcementBasisNumber: "执行依据文号",
        enforcementBasisIssuer: "做出执行依据单位",
        obligation: "生效法律文书确定的义务",
        performanceStatus: "被执行人的履行情况",
        dishonestBehaviour: "失信被执行人行为具体情形",
        publicationDate: "发布时间",
        idNumber: "身份证号码/统一社会信用代码",
        kind: "类型",
        cursor: "翻页",
        limit: "每页条数",
        region: "地区",
      },
    },
    en: {
      htmlLang: "en",
      switchTo: "中文",
      switchLabel: "切换到中文",
      title: "Search the List of Dishonest Judgment Debtors",
      lede: "Dishonest judgment debtors published under the Supreme People's Court rules on publishing the list.",
      nameLabel: "Name",
      namePlaceholder: "Debtor's name, in full or in part",
      idLabel: "Resident ID / Unified social credit code",
      idPlaceholder: "The full 18-character number",
      caseLabel: "Case number",
      casePlaceholder: "e.g. (2024)粤0103执1234号",
      courtLabel: "Enforcing court",
      courtPlaceholder: "Court code, e.g. 粤0103 (optional)",
      kindLabel: "Type",
      kindAny: "All",
      kindPerson: "Natural person",
      kindEntity: "Legal person or organisation",
      search: "Search",
      clear: "Clear",
      hint: "Fill in at least one of name, ID number / credit code, or case number.",
      loading: "Searching…",
      empty: "No dishonest judgment debtor matches your search.",
      more: "More results",
      back: "Back to results",
      footer: "Only what the law allows is published; resident IDs hide the birth month and day. Removed listings are no longer published.",
      needOne: "Fill in at least one of name, ID number / credit code, or case number.",
      nameLength: "A name must be 2 to 50 characters long.",
      rateLimited: "Too many searches; please try again later.",
      retryAfter: (seconds) => `Please retry in ${seconds} seconds.`,
      invalid: "Please check your search:",
      notFound: "This listing does not exist or has been removed.",
      unavailable: "The search is unavailable right now; please try again later.",
      person: "Natural person",
      entity: "Legal person or organisation",
      age: (years) => `${years}`,
      Male: "Male",
      Female: "Female",
      NotPerformed: "Not performed at all",
      PartlyPerformed: "Partly performed",
      documents: {
        ResidentId: "Resident ID",
        CreditCode: "Unified social credit code",
        Passport: "Passport number",
        HongKongMacaoPermit: "Mainland travel permit for Hong Kong and Macao residents",
        TaiwanPermit: "Mainland travel permit for Taiwan residents",
      },
      fields: {
        name: "Name",
        sex: "Sex",
        age: "Age",
        residentId: "Resident ID",
        creditCode: "Unified social credit code",
        legalRepresentative: "Legal representative / person in charge",
        court: "Enforcing court",
        province: "Province",
        caseNumber: "Case number",
        filingDate: "Filing date",
        enforcementBasisNumber: "Enforcement basis number",
        enforcementBasisIssuer: "Issuer of the enforcement basis",
        obligation: "Obligation set by the effective legal document",
        performanceStatus: "Performance status",
        dishonestBehaviour: "Specific dishonest behaviour",
        publicationDate: "Publication date",
        idNumber: "ID number / credit code",
        kind: "Type",
        cursor: "Page",
        limit: "Page size",
        region: "Region",
      },
    },
  };

  const byId = (id) => document.getElementById(id);
  const ui = {
    form: byId("search-form"),
    name: byId("name"),
    idNumber: byId("idNumber"),
    caseNumber: byId("caseNumber"),
    court: byId("court"),
    kind: byId("kind"),
    search: byId("search"),
    lang: byId("lang"),
    error: byId("error"),
    panel: byId("results-panel"),
    loading: byId("loading"),
    empty: byId("empty"),
    results: byId("results"),
    more: byId("more"),
    detail: byId("detail"),
    detailName: byId("detail-name"),
    detailFields: byId("detail-fields"),
    back: byId("back"),
  };

  const state = {
    lang: storedLanguage(),
    query: null, // the search whose results are shown; "more" repeats it with the cursor
    items: [],
    nextCursor: null,
    outcome: "idle", // idle | loading | results | empty
    error: null, // { key, retryAfter?, messages? }
    detail: null, // { id, listing? , loading }
    openedFromResults: false,
  };
  // A slow answer to an older search or detail request must not overwrite a newer one.
  let generation = 0;

  function storedLanguage() {
    try {
      const lang = localStorage.getItem("credit.lang");
      return lang === "en" ? "en" : "zh";
    } catch {
      return "zh";
    }
  }

  function t() {
    return texts[state.lang];
  }

  // ---- reading the form -------------------------------------------------------------------

  function readForm() {
    const value = (input) => input.value.trim();
    return {
      name: value(ui.name),
      idNumber: value(ui.idNumber).toUpperCase(),
      caseNumber: value(ui.caseNumber),
      court: value(ui.court),
      kind: ui.kind.value,
    };
  }

  // Characters as a person sees them, as the API counts them: 王𠮷明 is 3 (𠮷, CJK Extension B, is two UTF-16 units),
  // a letter with a combining mark is 1.
  const graphemes = typeof Intl !== "undefined" && Intl.Segmenter ? new Intl.Segmenter("zh", { granularity: "grapheme" }) : null;
  function characters(text) {
    return graphemes ? [...graphemes.segment(text)].length : [...text].length;
  }

  function validate(query) {
    if (!query.name && !query.idNumber && !query.caseNumber) return { key: "needOne" };
    const length = characters(query.name);
    if (query.name && (length < 2 || length > 50)) return { key: "nameLength" };
    return null;
  }

  function searchUrl(query, cursor) {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      if (value) params.set(key, value);
    }
    if (cursor) params.set("cursor", cursor);
    params.set("limit", String(pageSize));
    return `${api}?${params}`;
  }

  // ---- talking to the API -----------------------------------------------------------------

  async function getJson(url) {
    let response;
    try {
      response = await fetch(url, { headers: { Accept: "application/json" }, cache: "no-store" });
    } catch {
      return { failure: { key: "unavailable" } };
    }
    if (response.ok) {
      try {
        return { body: await response.json() };
      } catch {
        return { failure: { key: "unavailable" } };
      }
    }
    return { failure: await describeFailure(response) };
  }

  async function describeFailure(response) {
    if (response.status === 429) {
      const retryAfter = Number.parseInt(response.headers.get("Retry-After") ?? "", 10);
      return { key: "rateLimited", retryAfter: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null };
    }
    if (response.status === 404) return { key: "notFound" };
    if (response.status === 400) {
      let problem = null;
      try {
        problem = await response.json();
      } catch {
        // A 400 without a readable body still gets the general message.
      }
      const messages = [];
      if (problem && problem.errors && typeof problem.errors === "object") {
        for (const [field, fieldMessages] of Object.entries(problem.errors)) {
          for (const message of [].concat(fieldMessages)) messages.push({ field, message: String(message) });
        }
      }
      if (messages.length === 0 && problem && (problem.detail || problem.title)) {
        messages.push({ field: "", message: String(problem.detail || problem.title) });
      }
      return { key: "invalid", messages };
    }
    return { key: "unavailable" };
  }

  async function search(query) {
    const failure = validate(query);
    state.detail = null;
    state.items = [];
    state.nextCursor = null;
    state.error = failure;
    state.outcome = failure ? "idle" : "loading";
    state.query = failure ? null : query;
    render();
    if (failure) {
      revealAnswer();
      return;
    }

    const mine = ++generation;
    const { body, failure: httpFailure } = await getJson(searchUrl(query, null));
    if (mine !== generation) return;
    if (body) {
      state.items = Array.isArray(body.items) ? body.items : [];
      state.nextCursor = body.nextCursor || null;
      state.outcome = state.items.length > 0 ? "results" : "empty";
    } else {
      state.outcome = "idle";
      state.error = httpFailure;
    }
    render();
    revealAnswer();
  }

  // On a phone the form fills the screen: bring the answer into view rather than leave it below.
  function revealAnswer() {
    const answer = state.error ? ui.error : ui.panel;
    if (answer.getBoundingClientRect().top > window.innerHeight * 0.75) answer.scrollIntoView({ block: "start" });
  }

  async function loadMore() {
    if (!state.query || !state.nextCursor) return;
    const cursor = state.nextCursor;
    state.error = null;
    state.outcome = "loading";
    render();

    const mine = ++generation;
    const { body, failure } = await getJson(searchUrl(state.query, cursor));
    if (mine !== generation) return;
    if (body) {
      const seen = new Set(state.items.map((item) => item.listingId));
      for (const item of Array.isArray(body.items) ? body.items : []) {
        if (!seen.has(item.listingId)) state.items.push(item);
      }
      state.nextCursor = body.nextCursor || null;
    } else {
      state.error = failure;
    }
    state.outcome = state.items.length > 0 ? "results" : "empty";
    render();
  }

  // Always fetched afresh: a listing removed since the search must not be shown (Art. 10).
  async function openDetail(id) {
    state.error = null;
    state.detail = { id, listing: null, loading: true };
    render();

    const mine = ++generation;
    const { body, failure } = await getJson(`${api}/${encodeURIComponent(id)}`);
    if (mine !== generation) return;
    if (body) {
      state.detail = { id, listing: body, loading: false };
    } else {
      state.detail = { id, listing: null, loading: false };
      state.error = failure;
      if (failure.key === "notFound") state.items = state.items.filter((item) => item.listingId !== id);
    }
    render();
  }

  // ---- routing: #listing/{id} shows one listing, anything else the search ----------------------

  function route() {
    const match = /^#listing\/(.+)$/.exec(location.hash);
    const id = match ? decodeURIComponent(match[1]) : null;
    if (id && guid.test(id)) {
      openDetail(id);
    } else {
      ++generation; // forget a detail still loading
      state.detail = null;
      state.openedFromResults = false;
      if (state.error && state.error.key === "notFound") state.error = null;
      if (state.outcome === "loading") state.outcome = state.items.length > 0 ? "results" : "idle";
      render();
    }
  }

  // ---- rendering ----------------------------------------------------------------------------

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function describedValue(listing, field) {
    const words = t();
    switch (field) {
      case "sex":
        return listing.sex ? words[listing.sex] ?? listing.sex : null;
      case "age":
        return listing.age === null || listing.age === undefined ? null : words.age(listing.age);
      case "performanceStatus":
        return words[listing.performanceStatus] ?? listing.performanceStatus;
      case "court":
        return listing.courtName || listing.courtCode;
      case "residentId":
      case "creditCode":
        return listing.maskedId;
      default:
        return listing[field];
    }
  }

  // A passport's or a permit's number is labelled as what it is, not as a resident ID.
  function documentLabel(listing, words) {
    return words.documents[listing.documentType] ?? (listing.isEntity ? words.fields.creditCode : words.fields.residentId);
  }

  // Art. 6: a person shows name, sex, age and ID number; an entity its name, code and legal
  // representative; both the case and its enforcement basis, and the publication date.
  function publishedFields(listing) {
    const identity = listing.isEntity
      ? ["name", "creditCode", "legalRepresentative"]
      : ["name", "sex", "age", "residentId"];
    return identity.concat([
      "court",
      "province",
      "caseNumber",
      "filingDate",
      "enforcementBasisNumber",
      "enforcementBasisIssuer",
      "obligation",
      "performanceStatus",
      "dishonestBehaviour",
      "publicationDate",
    ]);
  }

  function appendField(list, label, value, field) {
    if (value === null || value === undefined || value === "") return;
    const row = element("div", "field-row");
    if (field) row.dataset.field = field;
    row.append(element("dt", null, label), element("dd", null, value));
    list.append(row);
  }

  function renderResult(listing) {
    const words = t();
    const item = element("li", "result");
    item.dataset.listingId = listing.listingId;
    const link = element("a", "result-link");
    link.href = `#listing/${encodeURIComponent(listing.listingId)}`;

    const heading = element("div", "result-heading");
    heading.append(
      element("span", "result-name", listing.name),
      element("span", `badge ${listing.isEntity ? "badge-entity" : "badge-person"}`, listing.isEntity ? words.entity : words.person),
    );
    const fields = element("dl", "result-fields");
    appendField(fields, documentLabel(listing, words), listing.maskedId, "maskedId");
    appendField(fields, words.fields.court, listing.courtName || listing.courtCode, "court");
    appendField(fields, words.fields.caseNumber, listing.caseNumber, "caseNumber");
    appendField(fields, words.fields.publicationDate, listing.publicationDate, "publicationDate");

    link.append(heading, fields);
    link.addEventListener("click", () => {
      state.openedFromResults = true;
    });
    item.append(link);
    return item;
  }

  function renderError() {
    const words = t();
    const error = state.error;
    ui.error.replaceChildren();
    ui.error.hidden = !error;
    if (!error) return;
    switch (error.key) {
      case "rateLimited":
        ui.error.append(element("p", "error-message", words.rateLimited));
        if (error.retryAfter) ui.error.append(element("p", "error-detail", words.retryAfter(error.retryAfter)));
        break;
      case "invalid": {
        ui.error.append(element("p", "error-message", words.invalid));
        const list = element("ul", "error-list");
        for (const { field, message } of error.messages) {
          const label = words.fields[field] ?? null;
          const rule = words.rules ? (/is given twice/.test(message) ? words.rules.givenTwice : words.rules[field]) : null;
          const item = element("li", null, label ? `${label}：${rule ?? message}` : rule ?? message);
          if (rule) item.append(" ", element("span", "error-detail", `(${message})`));
          list.append(item);
        }
        if (list.childElementCount > 0) ui.error.append(list);
        break;
      }
      default:
        ui.error.append(element("p", "error-message", words[error.key] ?? words.unavailable));
    }
  }

  function renderDetail() {
    const words = t();
    const detail = state.detail;
    ui.detail.hidden = !detail;
    ui.detailFields.replaceChildren();
    ui.detailName.textContent = "";
    if (!detail) return;
    ui.detail.setAttribute("aria-busy", detail.loading ? "true" : "false");
    const listing = detail.listing;
    if (!listing) return;
    ui.detailName.textContent = listing.name;
    for (const field of publishedFields(listing)) {
      const label = field === "residentId" || field === "creditCode" ? documentLabel(listing, words) : words.fields[field];
      appendField(ui.detailFields, label, describedValue(listing, field), field);
    }
  }

  function renderLanguage() {
    const words = t();
    document.documentElement.lang = words.htmlLang;
    document.title = words.title;
    for (const node of document.querySelectorAll("[data-i18n]")) {
      const text = words[node.dataset.i18n];
      if (typeof text === "string") node.textContent = text;
    }
    for (const node of document.querySelectorAll("[data-i18n-placeholder]")) {
      const text = words[node.dataset.i18nPlaceholder];
      if (typeof text === "string") node.placeholder = text;
    }
    ui.lang.textContent = words.switchTo;
    ui.lang.setAttribute("aria-label", words.switchLabel);
  }

  function render() {
    renderLanguage();
    const inDetail = Boolean(state.detail);
    const loading = state.outcome === "loading" || Boolean(state.detail && state.detail.loading);

    ui.form.hidden = inDetail;
    ui.panel.hidden = inDetail;
    ui.search.disabled = state.outcome === "loading";
    ui.loading.hidden = !loading;
    ui.empty.hidden = state.outcome !== "empty";
    ui.results.setAttribute("aria-busy", state.outcome === "loading" ? "true" : "false");
    ui.results.replaceChildren(...state.items.map(renderResult));
    ui.more.hidden = !state.nextCursor || state.outcome === "loading";
    if (inDetail) ui.detail.before(ui.loading);
    else ui.empty.before(ui.loading);

    renderError();
    renderDetail();
  }

  // ---- wiring -------------------------------------------------------------------------------

  ui.form.addEventListener("submit", (event) => {
    event.preventDefault();
    search(readForm());
  });
  ui.form.addEventListener("reset", () => {
    ++generation;
    state.query = null;
    state.items = [];
    state.nextCursor = null;
    state.outcome = "idle";
    state.error = null;
    render();
  });
  ui.more.addEventListener("click", loadMore);
  ui.back.addEventListener("click", () => {
    if (state.openedFromResults) history.back();
    else location.hash = "";
  });
  ui.lang.addEventListener("click", () => {
    state.lang = state.lang === "zh" ? "en" : "zh";
    try {
      localStorage.setItem("credit.lang", state.lang);
    } catch {
      // Private browsing may refuse storage; the choice then lasts for this page only.
    }
    render();
  });
  window.addEventListener("hashchange", route);

  render();
  route();
})();
