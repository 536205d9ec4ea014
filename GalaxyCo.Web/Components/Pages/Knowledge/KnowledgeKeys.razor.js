// Keyboard shortcuts of the knowledge library: "/" focuses search, "u" opens the file picker, "n" a new text item.
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
    if (typing(e.target)) return;
    if (e.key === '/') {
      const box = document.querySelector('[data-knowledge-search] input');
      if (box) { e.preventDefault(); box.focus(); box.select(); }
    } else if (e.key === 'u' || e.key === 'U') {
      // Clicked here, inside the key press, so the browser counts it as the person's own gesture.
      const picker = document.querySelector('[data-knowledge-upload] input[type=file]');
      if (picker) { e.preventDefault(); picker.click(); }
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
