// The Playground's chart in the browser: two stacked plotly.js layers updated in place, an animation built here.
//
// Streamlit's components v2 keep this element across reruns (it is mounted with a key), so a
// slider move costs one Plotly.react of the foreground, never a fresh Plotly.newPlot:
//   - the background layer holds the contour and its colour bar; it is redrawn only when its
//     key changes (a new surface, language, projector or 3-D switch), and a page keeps the
//     backgrounds it has seen, so the server sends each one once;
//   - the foreground holds paths, landmarks and panels on a transparent layout, in SVG;
//   - frames are built here from the paths already drawn: the server sends no frames.
// Data arrive as one JSON document in bytes (figures/wire.py: Streamlit forwards bytes untouched),
// figures packed: {tree, arrays}, each array once, as base64 float32.

const SHARED = (window.__lllChart ??= { bundles: new Map(), backgrounds: new Map() });
const KEEP_BACKGROUNDS = 16;
// four corners (an icon: a "⛶" glyph is missing from many fonts)
const FULLSCREEN_ICON = '<svg width="14" height="14" viewBox="0 0 14 14" fill="none" stroke="currentColor" stroke-width="1.6" ' +
  'aria-hidden="true"><path d="M1 5V1h4M9 1h4v4M13 9v4H9M5 13H1V9"/></svg>';

// ---------------------------------------------------------------- plotly.js, loaded once per page

function loadPlotly(url) {
  // one bundle at a time, so the window.Plotly it sets is the one just loaded
  if (!SHARED.bundles.has(url)) {
    const previous = SHARED.queue ?? Promise.resolve();
    SHARED.queue = previous.then(() => new Promise((resolve, reject) => {
      const s = document.createElement("script");
      s.src = url;
      s.async = true;
      s.onload = () => resolve(window.Plotly);
      s.onerror = () => reject(new Error("could not load " + url));
      document.head.appendChild(s);
    }));
    SHARED.bundles.set(url, SHARED.queue);
  }
  return SHARED.bundles.get(url);
}

// ---------------------------------------------------------------- packed data

function decode(a) {
  const bytes = Uint8Array.from(atob(a.bdata), (c) => c.charCodeAt(0));
  const flat = new Float32Array(bytes.buffer);
  if (a.shape.length < 2) return flat;
  const [rows, cols] = a.shape; // a 2-D array (a contour's z): rows as views into one buffer
  return Array.from({ length: rows }, (_, i) => flat.subarray(i * cols, (i + 1) * cols));
}

function unpack(packed) {
  const arrays = {};
  for (const [k, a] of Object.entries(packed.arrays)) arrays[k] = decode(a);
  const walk = (v) => {
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === "object") {
      if ("$ref" in v) return arrays[v.$ref];
      const out = {};
      for (const [k, x] of Object.entries(v)) out[k] = walk(x);
      return out;
    }
    return v;
  };
  return walk(packed.tree);
}

// ---------------------------------------------------------------- Streamlit's theme

// Streamlit puts its theme on the element around a component, as CSS variables (--st-text-color, ...)
function themeOf(el) {
  const cs = getComputedStyle(el);
  const v = (name) => cs.getPropertyValue(name).trim();
  return { text: v("--st-text-color"), background: v("--st-background-color"), font: v("--st-font") };
}

function isDark(color) {
  if (!color) return false;
  const probe = document.createElement("span");
  probe.style.color = color;
  document.body.appendChild(probe);
  const [r, g, b] = (getComputedStyle(probe).color.match(/[\d.]+/g) || [255, 255, 255]).map(Number);
  probe.remove();
  return 0.299 * r + 0.587 * g + 0.114 * b < 128;
}

// the figure in the page's font and text colour; on a dark theme, on the page's background
// (``seeThrough``: a layer over another keeps its transparent background)
function themed(layout, theme, seeThrough = false) {
  if (!theme.text) return layout;
  const font = { ...(layout.font || {}), color: theme.text, ...(theme.font ? { family: theme.font } : {}) };
  const out = { ...layout, font };
  if (isDark(theme.background)) {
    const back = seeThrough ? "rgba(0,0,0,0)" : theme.background;
    Object.assign(out, { paper_bgcolor: back, plot_bgcolor: back });
    for (const k of Object.keys(out)) {  // the light template's white grid, softened
      if (/^[xy]axis\d*$/.test(k)) out[k] = { gridcolor: "rgba(255,255,255,0.15)", ...out[k] };
    }
  }
  return out;
}

// ---------------------------------------------------------------- the element

function build(parent) {
  const root = document.createElement("div");
  root.className = "lll-chart";
  root.dataset.testid = "lll-chart";
  root.dataset.revision = "0";
  root.innerHTML = `
    <div class="lll-stage">
      <div class="lll-loading"></div>
      <div class="lll-bg"></div>
      <div class="lll-fg"></div>
    </div>
    <div class="lll-controls" hidden>
      <button type="button" class="lll-play"></button>
      <select class="lll-speed"></select>
      <input type="range" class="lll-scrub" min="0" max="0" value="0">
      <span class="lll-step"></span>
      <button type="button" class="lll-png"></button>
      <button type="button" class="lll-full"></button>
    </div>`;
  parent.appendChild(root);
  const q = (c) => root.querySelector(c);
  const st = {
    root, stage: q(".lll-stage"), bg: q(".lll-bg"), fg: q(".lll-fg"), controls: q(".lll-controls"),
    play: q(".lll-play"), speed: q(".lll-speed"), scrub: q(".lll-scrub"), step: q(".lll-step"),
    png: q(".lll-png"), full: q(".lll-full"),
    latest: null, busy: false, bgKey: null, frame: 0, playing: false, anim: null, fgData: null, words: {},
  };
  st.play.onclick = () => (st.playing ? pause(st) : play(st));
  st.scrub.oninput = () => { pause(st); showFrame(st, Number(st.scrub.value)); };
  st.png.onclick = () => exportPng(st);
  st.full.onclick = () => (document.fullscreenElement ? document.exitFullscreen() : root.requestFullscreen());
  document.addEventListener("fullscreenchange", () => fitHeight(st));
  listenForClicks(st);
  return st;
}

export default function (component) {
  const { parentElement, setTriggerValue } = component;
  const data = read(component.data);
  if (data.mode === "figure") return drawFigure(parentElement, data, setTriggerValue);
  const root = parentElement.querySelector(".lll-chart");
  const st = root ? root.__lll : build(parentElement);
  st.root.__lll = st;
  const loading = st.root.querySelector(".lll-loading");
  if (loading && !st.fgData) loading.textContent = data.words?.loading ?? "";
  st.trigger = setTriggerValue;
  st.words = data.words;
  st.theme = themeOf(parentElement);
  // kept at once: a newer update may replace this one before it is drawn, and will not carry the contour again
  if (data.background) remember(data.background_key, unpack(data.background));
  st.latest = data;
  // the server waits for this chart's first picture before it sends the page's other controls
  if (data.report_drawn && !st.reported) st.report = true;
  st.root.toggleAttribute("data-partial", Boolean(data.report_drawn)); // the rest of the page is still to come
  drawLatest(st);
  return () => pause(st);
}

// The component's data: one JSON document in bytes (figures/wire.py `document`), or an object (JSON sent as such)
const DECODER = new TextDecoder();
function read(raw) {
  return raw instanceof Uint8Array ? JSON.parse(DECODER.decode(raw)) : raw;
}

// ---------------------------------------------------------------- one plain figure (the lessons' charts)

function drawFigure(parent, data, trigger) {
  let gd = parent.querySelector(".lll-figure");
  if (!gd) {
    gd = document.createElement("div");
    gd.className = "lll-figure";
    gd.dataset.testid = "lll-figure";
    gd.dataset.revision = "0";
    parent.appendChild(gd);
  }
  gd.__lllLatest = data;
  gd.__lllTrigger = trigger;
  if (gd.__lllBusy) return;
  gd.__lllBusy = true;
  (async () => {
    try {
      while (gd.__lllLatest) {
        const d = gd.__lllLatest;
        gd.__lllLatest = null;
        const fig = unpack(d.figure);
        const P = await loadPlotly(d.bundles.cartesian);
        gd.style.height = `${fig.layout.height || 450}px`;
        const layout = themed({ ...fig.layout, autosize: true }, themeOf(parent));
        // the figure object form carries the figure's own frames (a play button and a slider in its layout)
        await P.react(gd, { data: fig.data, layout, frames: fig.frames || [], config: { displaylogo: false, responsive: true } });
        if (d.clickable && !gd.__lllClicks) {
          // a click on a point, in the shape of st.plotly_chart's selection event
          gd.__lllClicks = true;
          gd.on("plotly_click", (ev) => gd.__lllTrigger("click", { selection: { points: ev.points.map((p) => ({
            curve_number: p.curveNumber, point_index: p.pointNumber, x: p.x, y: p.y })) } }));
        }
        gd.dataset.revision = String(Number(gd.dataset.revision) + 1);
      }
    } catch (err) {
      gd.dataset.error = String(err);
      console.error("lll figure:", err);
    } finally {
      gd.__lllBusy = false;
    }
  })();
}

// ---------------------------------------------------------------- drawing

async function drawLatest(st) {
  // coalesce: while one draw runs, only the newest data waits
  if (st.busy) return;
  st.busy = true;
  try {
    while (st.latest) {
      const data = st.latest;
      st.latest = null;
      await draw(st, data);
    }
  } catch (err) {
    // said on the page, not only in the console (a plotly.js that did not load, say)
    st.root.dataset.error = String(err);
    let note = st.root.querySelector(".lll-loading");
    if (!note) {
      note = document.createElement("div");
      note.className = "lll-loading";
      st.stage.appendChild(note);
    }
    note.textContent = `${st.words.failed}: ${err.message ?? err}`;
    console.error("lll chart:", err);
  } finally {
    st.busy = false;
    if (st.report) { // drawn, or failed and said so: either way the rest of the page may come now
      st.report = false;
      st.reported = true;
      st.trigger("drawn", true);
    }
  }
}

async function draw(st, data) {
  const t0 = performance.now();
  const spec = unpack(data.figure);
  const fg = spec.foreground;
  const P = await loadPlotly(fg.layout.scene ? data.bundles.full : data.bundles.cartesian);
  const Pbg = await loadPlotly(data.bundles.cartesian);
  st.P = P;
  st.Pbg = Pbg;
  st.height = fg.layout.height;
  st.png_name = data.png_name;
  labelControls(st);
  fitHeight(st, true);

  // 1) the background, when it (or the theme it is drawn in) changed
  const bgKey = `${data.background_key}|${st.theme.text}|${st.theme.background}`;
  if (bgKey !== st.bgKey) {
    const bg = SHARED.backgrounds.get(data.background_key);
    if (bg) {
      await Pbg.react(st.bg, bg.data, sized(st, themed(bg.layout, st.theme)), { staticPlot: true, responsive: true });
      st.bgKey = bgKey;
      st.root.dataset.backgroundRevision = String(Number(st.root.dataset.backgroundRevision ?? 0) + 1);
    } else {
      st.trigger("need_background", data.background_key); // this page has not seen it: ask once more
    }
  }

  // 2) the foreground, in place (a new Plotly instance, for the 3-D view, starts it afresh)
  if (st.fg.__lllPlotly && st.fg.__lllPlotly !== P) st.fg.__lllPlotly.purge(st.fg);
  st.fg.__lllPlotly = P;
  // one config object per Plotly instance: a changed config makes Plotly.react plot everything anew
  if (st.configFor !== P) {
    st.configFor = P;
    st.config = {
      displaylogo: false, responsive: true, scrollZoom: false,
      modeBarButtonsToRemove: ["toImage", "select2d", "lasso2d"],
      modeBarButtonsToAdd: [{ name: "png", title: st.words.png, icon: P.Icons.camera, click: () => exportPng(st) }],
    };
  }
  await P.react(st.fg, fg.data, sized(st, themed(fg.layout, st.theme, true)), st.config);
  st.fgData = fg.data;
  st.root.querySelector(".lll-loading")?.remove();
  if (!st.fg.__lllZoomSync) {
    st.fg.__lllZoomSync = true;
    st.fg.on("plotly_relayout", () => syncZoom(st));
  }
  syncZoom(st);

  // 3) the animation: keep the learner's place when the number of frames is the same
  const anim = spec.animation;
  const sameLength = st.anim && anim && st.anim.steps.length === anim.steps.length;
  st.anim = anim;
  st.controls.hidden = !anim;
  if (anim) {
    st.scrub.max = String(anim.steps.length - 1);
    if (!sameLength || data.reset_frame) st.frame = anim.active;
    st.frame = Math.min(st.frame, anim.steps.length - 1);
    if (st.frame !== anim.active) await showFrame(st, st.frame);
    else {
      showPlace(st);
      st.root.dataset.frame = String(st.frame);
    }
  }
  st.root.dataset.drawMs = (performance.now() - t0).toFixed(1); // read by bench/bench_app.py
  st.root.dataset.revision = String(Number(st.root.dataset.revision) + 1);
  st.root.dispatchEvent(new CustomEvent("lll:drawn", { bubbles: true }));
}

function remember(key, bg) {
  SHARED.backgrounds.delete(key);
  SHARED.backgrounds.set(key, bg);
  while (SHARED.backgrounds.size > KEEP_BACKGROUNDS) SHARED.backgrounds.delete(SHARED.backgrounds.keys().next().value);
}

function sized(st, layout) {
  return { ...layout, height: st.stage.clientHeight || layout.height, autosize: true };
}

function fitHeight(st, quiet) {
  const full = document.fullscreenElement === st.root;
  const h = full ? window.innerHeight - st.controls.offsetHeight - 8 : st.height;
  if (!h || st.stage.style.height === `${h}px`) return;
  st.stage.style.height = `${h}px`;
  if (!quiet && st.P) for (const gd of [st.bg, st.fg]) if (gd._fullLayout) st.P.relayout(gd, { height: h });
}

function syncZoom(st) {
  // zoom and pan happen in the foreground: the contour follows
  const f = st.fg._fullLayout, b = st.bg._fullLayout;
  if (!f || !b || !st.Pbg) return;
  const same = (u, v) => u[0] === v[0] && u[1] === v[1];
  if (same(f.xaxis.range, b.xaxis.range) && same(f.yaxis.range, b.yaxis.range)) return;
  st.Pbg.relayout(st.bg, { "xaxis.range": [...f.xaxis.range], "yaxis.range": [...f.yaxis.range] });
}

// ---------------------------------------------------------------- animation

function frameData(st, k) {
  // what moves at step k (the same as figures/movers.frame_data, from the arrays already drawn)
  const { anim } = st, data = st.fgData, T = anim.trail, out = [];
  const xs = [], ys = [];
  for (const ti of anim.path_traces) {
    const { x, y } = data[ti];
    for (let i = k - T + 1; i <= k; i++) {
      const ok = i >= 0 && i < x.length;
      xs.push(ok ? x[i] : NaN);
      ys.push(ok ? y[i] : NaN);
    }
  }
  out.push({ x: xs, y: ys });
  if (anim.z3) {
    const at = (a) => (k < a.length ? a[k] : NaN);
    out.push({
      x: anim.path_traces.map((ti) => at(data[ti].x)),
      y: anim.path_traces.map((ti) => at(data[ti].y)),
      z: anim.z3.map(at),
    });
  }
  for (const row of anim.panel_traces) {
    if (row.some((ti) => ti === null)) continue;
    const y = row.map((ti) => (k < data[ti].y.length ? data[ti].y[k] : NaN));
    out.push({ x: y.map((v) => (Number.isFinite(v) ? k : NaN)), y });
  }
  return out;
}

async function showFrame(st, index) {
  if (!st.anim) return;
  st.frame = Math.max(0, Math.min(index, st.anim.steps.length - 1));
  showPlace(st);
  const frame = st.frame, k = st.anim.steps[frame];
  await st.P.animate(st.fg, { data: frameData(st, k), traces: st.anim.movers }, {
    mode: "immediate", frame: { duration: 0, redraw: Boolean(st.anim.redraw) }, transition: { duration: 0 },
  });
  st.root.dataset.frame = String(frame); // drawn
}

function showPlace(st) {
  st.scrub.value = String(st.frame);
  st.step.textContent = `${st.words.step}: ${st.anim.steps[st.frame]}`;
}

async function play(st) {
  if (!st.anim) return;
  if (st.frame >= st.anim.steps.length - 1) st.frame = 0;
  st.playing = true;
  labelControls(st);
  while (st.playing && st.anim && st.frame < st.anim.steps.length - 1) {
    const t0 = performance.now();
    await showFrame(st, st.frame + 1);
    const wait = st.words.frame_ms / Number(st.speed.value || 1) - (performance.now() - t0);
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  }
  pause(st);
}

function pause(st) {
  st.playing = false;
  labelControls(st);
}

function labelControls(st) {
  const w = st.words;
  if (!w.play) return;
  st.play.textContent = st.playing ? w.pause : w.play;
  st.png.textContent = w.png;
  st.png.title = w.png;
  st.full.innerHTML = FULLSCREEN_ICON;
  st.full.title = w.fullscreen;
  st.scrub.setAttribute("aria-label", w.step);
  const speeds = w.speeds.map(([label, k]) => `${label}|${k}`).join(",");
  if (st.speed.dataset.speeds !== speeds) {
    st.speed.dataset.speeds = speeds;
    st.speed.innerHTML = w.speeds.map(([label, k]) => `<option value="${k}" ${k === 1 ? "selected" : ""}>${label}</option>`).join("");
    st.speed.setAttribute("aria-label", w.speed);
  }
}

// ---------------------------------------------------------------- a click on the contour sets the start

function listenForClicks(st) {
  // plotly.js's drag layer takes the press (a drag zooms); a press and release in one place is a click.
  // The release is heard on the window: during a press plotly covers the page with its own element.
  let down = null;
  st.fg.addEventListener("pointerdown", (e) => {
    const area = st.fg.querySelector('.nsewdrag[data-subplot="xy"]');
    down = area && e.target === area ? { x: e.clientX, y: e.clientY } : null;
  }, true);
  window.addEventListener("pointerup", (e) => {
    const start = down;
    down = null;
    if (!start || Math.hypot(e.clientX - start.x, e.clientY - start.y) > 4) return;
    const area = st.fg.querySelector('.nsewdrag[data-subplot="xy"]');
    const L = st.fg._fullLayout;
    if (!area || !L) return;
    const r = area.getBoundingClientRect();
    st.trigger("click", { x: L.xaxis.p2d(e.clientX - r.left), y: L.yaxis.p2d(e.clientY - r.top) });
  }, true);
}

// ---------------------------------------------------------------- a PNG of both layers

async function exportPng(st) {
  const P = st.P;
  const w = st.fg._fullLayout.width, h = st.fg._fullLayout.height, scale = 2;
  const options = { format: "png", width: w, height: h, scale };
  const [bg, fg] = await Promise.all([st.Pbg.toImage(st.bg, options), P.toImage(st.fg, options)]);
  const canvas = document.createElement("canvas");
  canvas.width = w * scale;
  canvas.height = h * scale;
  const ctx = canvas.getContext("2d");
  ctx.fillStyle = isDark(st.theme.background) ? st.theme.background : "#ffffff";
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  for (const src of [bg, fg]) {
    const img = new Image();
    await new Promise((resolve, reject) => { img.onload = resolve; img.onerror = reject; img.src = src; });
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
  }
  const a = document.createElement("a");
  a.download = `${st.png_name || "loss-landscape"}.png`;
  a.href = canvas.toDataURL("image/png");
  st.lastPng = a.href; // for tests: the picture exported
  a.click();
}
