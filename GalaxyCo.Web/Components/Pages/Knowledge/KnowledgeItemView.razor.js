// Brings a cited passage into view once the passages have rendered (they load after the page, so the browser's own
// jump to #chunk-n finds nothing).
export function scrollToChunk(position) {
  const el = document.getElementById('chunk-' + position);
  if (el) el.scrollIntoView({ block: 'start' });
}
