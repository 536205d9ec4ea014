// Keyboard shortcuts of the CRM lists: "/" focuses search, "n" opens "New", Escape clears the selection.
let handler = null;

function typing(target) {
  if (!target) return false;
  const tag = (target.tagName || '').toLowerCase();
  return tag === 'input' || tag === 'textarea' || tag === 'select' || target.isContentEditable;
}

export function register(dotnet) {
  unregister();
  handler = (e) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    if (document.querySelector('.mud-dialog-container')) return;
    if (e.key === 'Escape') {
      if (typing(e.target)) return;
      dotnet.invokeMethodAsync('Escape');
      return;
    }
    if (typing(e.target)) return;
    if (e.key === '/') {
      const box = document.querySelector('[data-crm-search] input');
      if (box) { e.preventDefault(); box.focus(); box.select(); }
    } else if (e.key === 'n' || e.key === 'N') {
      e.preventDefault();
      dotnet.invokeMethodAsync('New');
    }
  };
  document.addEventListener('keydown', handler);
}

export function unregister() {
  if (handler) document.removeEventListener('keydown', handler);
  handler = null;
}
