// The subway screens' display page. It shows the channel's playlist one slide at a time, asks for the playlist again every
// pollSeconds (If-None-Match: an unchanged one costs a 304), and keeps showing the last good playlist while the network is
// down. A listing that left the playlist is never shown once the poll that learnt of it has answered: the slide on screen
// is replaced at once. Nothing is stored on the device but the key; the playlist lives in memory only.
(() => {
  "use strict";

  const channel = decodeURIComponent(location.pathname.split("/")[2] || "");
  const keyName = `credit-screen-key:${channel}`;
  const $ = (id) => document.getElementById(id);

  // The key comes in the address's fragment (#key=...), which no server receives; it is kept for reloads and the fragment
  // cleared, so it is not left on the screen's address bar.
  const fragment = new URLSearchParams(location.hash.slice(1));
  if (fragment.get("key")) {
    localStorage.setItem(keyName, fragment.get("key"));
    history.replaceState(null, "", location.pathname);
  }
  const key = localStorage.getItem(keyName);

  // What a slide's masked number is: a passport's or a permit's is not labelled a resident ID.
  const documentLabels = {
    ResidentId: "身份证号码",
    CreditCode: "统一社会信用代码",
    Passport: "护照号码",
    HongKongMacaoPermit: "港澳居民来往内地通行证",
    TaiwanPermit: "台湾居民来往大陆通行证",
  };
  const money = new Intl.NumberFormat("zh-CN", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  let playlist = null;    // the last good playlist
  let etag = null;
  let index = 0;
  let shownId = null;
  let slideTimer = null;
  let pollTimer = null;
  const photos = new Map(); // photo address -> object URL, for the photos of the current playlist

  function status(state, text) {
    $("status").dataset.state = state;
    $("status-text").textContent = text;
  }

  function message(text) {
    $("slide").hidden = true;
    $("counter").textContent = "";
    $("message").textContent = text;
    $("message").hidden = false;
    shownId = null;
  }

  function show(i) {
    const slides = playlist ? playlist.slides : [];
    if (slides.length === 0) {
      message("本频道暂无公布信息");
      return;
    }
    index = ((i % slides.length) + slides.length) % slides.length;
    const slide = slides[index];
    shownId = slide.listingId;
    $("slide").dataset.listingId = slide.listingId;
    $("slide-name").textContent = slide.name;
    $("slide-id-label").textContent = documentLabels[slide.documentType] ?? (slide.isEntity ? "统一社会信用代码" : "身份证号码");
    $("slide-id").textContent = slide.maskedId;
    $("slide-amount").textContent = `¥${money.format(slide.amountUnpaid)} 元`;
    $("slide-court").textContent = slide.courtName;
    $("slide-case").textContent = slide.caseNumber;
    $("slide-published").textContent = slide.publicationDate;
    const photo = slide.photo ? photos.get(slide.photo) : null;
    $("photo").hidden = !photo;
    $("no-photo").hidden = !!photo;
    if (photo) $("photo").src = photo;
    else $("photo").removeAttribute("src");
    $("message").hidden = true;
    $("slide").hidden = false;
    $("counter").textContent = `${index + 1} / ${slides.length}`;
  }

  function cycle() {
    clearTimeout(slideTimer);
    const seconds = playlist ? playlist.slideSeconds : 8;
    slideTimer = setTimeout(() => { show(index + 1); cycle(); }, seconds * 1000);
  }

  async function loadPhotos(slides) {
    const wanted = new Set(slides.map((s) => s.photo).filter(Boolean));
    for (const [address, url] of photos) {
      if (!wanted.has(address)) {
        URL.revokeObjectURL(url);
        photos.delete(address);
      }
    }
    for (const address of wanted) {
      if (photos.has(address)) continue;
      try {
        const response = await fetch(address, { headers: { "X-Api-Key": key } });
        if (response.ok) photos.set(address, URL.createObjectURL(await response.blob()));
      } catch {
        // Shown without its photo until the next playlist brings it again.
      }
    }
  }

  async function take(next) {
    await loadPhotos(next.slides);
    const stillThere = next.slides.findIndex((s) => s.listingId === shownId);
    const first = playlist === null;
    playlist = next;
    // Which listings the page holds, for whoever looks after the screen (and the browser test).
    $("stage").dataset.listings = next.slides.map((s) => s.listingId).join(" ");
    $("channel").textContent = next.nameZh;
    // The slide on screen stays if it is still in the playlist (in its new form); otherwise the next one replaces it now.
    show(stillThere >= 0 ? stillThere : index);
    if (first || stillThere < 0) cycle();
  }

  async function poll() {
    clearTimeout(pollTimer);
    try {
      const headers = { "X-Api-Key": key };
      if (etag) headers["If-None-Match"] = etag;
      const response = await fetch(`/api/v1/screens/${encodeURIComponent(channel)}/playlist`, { headers, cache: "no-store" });
      if (response.status === 200) {
        const next = await response.json();
        etag = response.headers.get("ETag");
        await take(next);
        status("online", "在线");
      } else if (response.status === 304) {
        status("online", "在线");
      } else if (response.status === 401 || response.status === 403 || response.status === 404) {
        // Access withdrawn or the channel gone: nothing more may be shown.
        playlist = null;
        etag = null;
        $("stage").dataset.listings = "";
        message(response.status === 404 ? "频道不存在" : "屏幕密钥无效");
        status("offline", "未授权");
      } else {
        status("offline", "服务暂不可用，显示最近一次的名单");
      }
    } catch {
      status("offline", "网络中断，显示最近一次的名单");
    }
    pollTimer = setTimeout(poll, (playlist ? playlist.pollSeconds : 5) * 1000);
  }

  if (!channel || !key) {
    message("未配置屏幕密钥：请以 /screens/频道#key=密钥 打开");
    status("offline", "未配置");
    return;
  }
  message("正在加载……");
  poll();
})();
