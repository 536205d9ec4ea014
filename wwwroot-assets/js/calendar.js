// Calendar helpers (an ES module, imported by the calendar page):
// - the week/day time grid: drag an event to move it, drag its bottom edge to resize, click-drag on empty time to
//   create; all snapped to 15 minutes. The grid's own elements belong to Blazor, so feedback is drawn on a ghost
//   element over the page and .NET re-renders the result.
// - the page's keyboard shortcuts, the viewport width (phones start in the agenda), copying the feed URL.

const SNAP = 15;
const DAY = 24 * 60;
const DRAG_THRESHOLD = 4;
let keyHandler = null;

function typing(target) {
  if (!target) return false;
  const tag = (target.tagName || '').toLowerCase();
  return tag === 'input' || tag === 'textarea' || tag === 'select' || target.isContentEditable;
}

function snap(minutes) {
  return Math.round(minutes / SNAP) * SNAP;
}

function minuteAt(column, clientY) {
  const rect = column.getBoundingClientRect();
  const m = ((clientY - rect.top) / rect.height) * DAY;
  return Math.max(0, Math.min(DAY, m));
}

function columnAt(root, clientX) {
  const columns = root.querySelectorAll('[data-cal-day]');
  for (const c of columns) {
    const r = c.getBoundingClientRect();
    if (clientX >= r.left && clientX < r.right) return c;
  }
  if (columns.length === 0) return null;
  const first = columns[0].getBoundingClientRect();
  return clientX < first.left ? columns[0] : columns[columns.length - 1];
}

function ghostFor(column, start, end, text) {
  const ghost = document.createElement('div');
  ghost.className = 'gc-cal-ghost';
  ghost.setAttribute('data-testid', 'calendar-ghost');
  // The ghost lives outside the component (over the page), so it carries its own style.
  Object.assign(ghost.style, {
    position: 'fixed', zIndex: '1500', pointerEvents: 'none', boxSizing: 'border-box', borderRadius: '6px',
    padding: '2px 6px', font: '600 12px/1.3 system-ui, sans-serif', color: '#fff', overflow: 'hidden',
    background: 'var(--mud-palette-primary, #594ae2)', opacity: '0.85', boxShadow: '0 4px 14px rgba(0,0,0,.25)',
  });
  document.body.appendChild(ghost);
  placeGhost(ghost, column, start, end, text);
  return ghost;
}

function placeGhost(ghost, column, start, end, text) {
  const r = column.getBoundingClientRect();
  ghost.style.left = `${r.left + 2}px`;
  ghost.style.width = `${r.width - 6}px`;
  ghost.style.top = `${r.top + (start / DAY) * r.height}px`;
  ghost.style.height = `${Math.max(8, ((end - start) / DAY) * r.height)}px`;
  ghost.textContent = `${label(start)}–${label(end)}${text ? ' ' + text : ''}`;
}

function label(minutes) {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

function swallowNextClick() {
  const stop = (e) => { e.stopPropagation(); e.preventDefault(); };
  window.addEventListener('click', stop, { capture: true, once: true });
  // A drag that ends outside any element produces no click: drop the trap soon after.
  setTimeout(() => window.removeEventListener('click', stop, { capture: true }), 0);
}

/** Wires pointer gestures on a time grid; `dotnet` receives MoveOccurrence, ResizeOccurrence and CreateRange. */
export function attachGrid(root, dotnet) {
  if (!root || root._gcCalendar) return;
  let gesture = null;

  const onPointerDown = (e) => {
    if (e.button !== 0) return;
    const column = e.target.closest('[data-cal-day]');
    if (!column || !root.contains(column)) return;
    const block = e.target.closest('[data-cal-key]');
    if (block) {
      if (block.getAttribute('data-cal-editable') !== 'true') return;
      const start = Number(block.getAttribute('data-cal-start'));
      const end = Number(block.getAttribute('data-cal-end'));
      const resizing = !!e.target.closest('.gc-cal-resize');
      gesture = {
        kind: resizing ? 'resize' : 'move', block, column, key: block.getAttribute('data-cal-key'),
        title: block.getAttribute('data-cal-title') || '', fromDay: column.getAttribute('data-cal-day'),
        start, end, grab: minuteAt(column, e.clientY) - start, x: e.clientX, y: e.clientY, moved: false,
      };
    } else {
      if (root.getAttribute('data-cal-can-create') !== 'true') return;
      const at = Math.floor(minuteAt(column, e.clientY) / SNAP) * SNAP;
      gesture = { kind: 'create', column, anchor: at, start: at, end: Math.min(DAY, at + SNAP), x: e.clientX, y: e.clientY, moved: false };
      // Touch scrolls the grid; creating by dragging needs a mouse or pen (a tap still creates).
      if (e.pointerType === 'touch') gesture.tapOnly = true;
    }
    gesture.pointerId = e.pointerId;
  };

  const onPointerMove = (e) => {
    if (!gesture || gesture.tapOnly) return;
    if (!gesture.moved && Math.abs(e.clientX - gesture.x) < DRAG_THRESHOLD && Math.abs(e.clientY - gesture.y) < DRAG_THRESHOLD) return;
    e.preventDefault();
    if (!gesture.moved) {
      gesture.moved = true;
      // Capture only once it is a drag: a plain click must still reach the event (Blazor opens it).
      if (root.setPointerCapture) root.setPointerCapture(gesture.pointerId);
      if (gesture.block) gesture.block.classList.add('gc-cal-dragging');
    }
    if (gesture.kind === 'move') {
      const column = columnAt(root, e.clientX) || gesture.column;
      const length = gesture.end - gesture.start;
      let start = snap(minuteAt(column, e.clientY) - gesture.grab);
      start = Math.max(0, Math.min(DAY - SNAP, start));
      gesture.target = { column, start };
      gesture.ghost = gesture.ghost || ghostFor(column, start, Math.min(DAY, start + length), gesture.title);
      placeGhost(gesture.ghost, column, start, Math.min(DAY, start + length), gesture.title);
    } else if (gesture.kind === 'resize') {
      const end = Math.max(gesture.start + SNAP, Math.min(DAY, snap(minuteAt(gesture.column, e.clientY))));
      gesture.target = { end };
      gesture.ghost = gesture.ghost || ghostFor(gesture.column, gesture.start, end, gesture.title);
      placeGhost(gesture.ghost, gesture.column, gesture.start, end, gesture.title);
    } else {
      const at = minuteAt(gesture.column, e.clientY);
      const start = Math.min(gesture.anchor, Math.floor(at / SNAP) * SNAP);
      const end = Math.max(gesture.anchor + SNAP, Math.ceil(at / SNAP) * SNAP);
      gesture.start = start;
      gesture.end = Math.min(DAY, end);
      gesture.ghost = gesture.ghost || ghostFor(gesture.column, gesture.start, gesture.end, '');
      placeGhost(gesture.ghost, gesture.column, gesture.start, gesture.end, '');
    }
  };

  const finish = (e, cancelled) => {
    const g = gesture;
    gesture = null;
    if (!g) return;
    if (g.ghost) g.ghost.remove();
    if (g.block) g.block.classList.remove('gc-cal-dragging');
    if (root.hasPointerCapture && e && root.hasPointerCapture(e.pointerId)) root.releasePointerCapture(e.pointerId);
    if (cancelled) {
      if (g.moved) swallowNextClick();
      return;
    }
    if (g.kind === 'create') {
      if (g.moved) {
        swallowNextClick();
        dotnet.invokeMethodAsync('CreateRange', g.column.getAttribute('data-cal-day'), g.start, g.end);
      } else {
        // A click on an empty slot: an hour from the half hour clicked.
        const start = Math.floor(g.anchor / 30) * 30;
        dotnet.invokeMethodAsync('CreateRange', g.column.getAttribute('data-cal-day'), start, Math.min(DAY, start + 60));
      }
      return;
    }
    if (!g.moved || !g.target) return;
    swallowNextClick();
    if (g.kind === 'move') {
      const toDay = g.target.column.getAttribute('data-cal-day');
      if (toDay === g.fromDay && g.target.start === g.start) return;
      dotnet.invokeMethodAsync('MoveOccurrence', g.key, g.fromDay, g.start, toDay, g.target.start);
    } else if (g.target.end !== g.end) {
      dotnet.invokeMethodAsync('ResizeOccurrence', g.key, g.fromDay, g.target.end);
    }
  };

  const onPointerUp = (e) => finish(e, false);
  const onPointerCancel = (e) => finish(e, true);
  const onKeyDown = (e) => { if (e.key === 'Escape' && gesture) { e.stopPropagation(); finish(null, true); } };

  root.addEventListener('pointerdown', onPointerDown);
  root.addEventListener('pointermove', onPointerMove);
  root.addEventListener('pointerup', onPointerUp);
  root.addEventListener('pointercancel', onPointerCancel);
  document.addEventListener('keydown', onKeyDown, true);
  root._gcCalendar = { onPointerDown, onPointerMove, onPointerUp, onPointerCancel, onKeyDown };
}

export function detachGrid(root) {
  const s = root && root._gcCalendar;
  if (!s) return;
  root.removeEventListener('pointerdown', s.onPointerDown);
  root.removeEventListener('pointermove', s.onPointerMove);
  root.removeEventListener('pointerup', s.onPointerUp);
  root.removeEventListener('pointercancel', s.onPointerCancel);
  document.removeEventListener('keydown', s.onKeyDown, true);
  root._gcCalendar = null;
}

/** Scrolls the time grid so the given hour is at the top (the working day, not midnight). */
export function scrollToHour(scroller, hour) {
  if (!scroller) return;
  const column = scroller.querySelector('[data-cal-day]');
  if (!column) return;
  scroller.scrollTop = (hour / 24) * column.getBoundingClientRect().height;
}

/** The page's shortcuts: t today, j/k or arrows next/previous, m/w/d/a views, n new event, Escape. */
export function registerKeys(dotnet) {
  unregisterKeys();
  keyHandler = (e) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    if (typing(e.target)) return;
    // A dialog handles its own keys (Escape closes it).
    if (document.querySelector('.mud-dialog-container')) return;
    const map = {
      t: 'today', T: 'today', j: 'next', J: 'next', k: 'prev', K: 'prev', ArrowRight: 'next', ArrowLeft: 'prev',
      m: 'month', M: 'month', w: 'week', W: 'week', d: 'day', D: 'day', a: 'agenda', A: 'agenda', n: 'new', N: 'new', Escape: 'escape',
    };
    const action = map[e.key];
    if (!action) return;
    // Arrows inside a focused control (a slider, a menu) keep their meaning.
    if (e.key.startsWith('Arrow') && e.target && e.target.closest && e.target.closest('[role=menu],[role=listbox],[role=slider]')) return;
    e.preventDefault();
    dotnet.invokeMethodAsync('Shortcut', action);
  };
  document.addEventListener('keydown', keyHandler);
}

export function unregisterKeys() {
  if (keyHandler) document.removeEventListener('keydown', keyHandler);
  keyHandler = null;
}

export function viewportWidth() {
  return window.innerWidth || document.documentElement.clientWidth || 1280;
}

export async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}
