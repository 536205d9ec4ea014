// Task board helpers (an ES module, imported by the board): drag data for native HTML5 drag and drop, keys that must
// not scroll the page while a card has focus, focus after a keyboard move, and infinite scroll (clicks a column's
// "load more" when it scrolls into view). The same approach as the prospect board's board.js.
export function attach(board) {
  if (!board || board._galaxyTaskBoard) return;
  const onDragStart = (e) => {
    const card = e.target.closest && e.target.closest('[data-card-id]');
    if (!card || !e.dataTransfer) return;
    e.dataTransfer.effectAllowed = 'move';
    // Firefox starts a drag only when data is set.
    e.dataTransfer.setData('text/plain', card.getAttribute('data-card-id'));
  };
  const onKeyDown = (e) => {
    const card = e.target.closest && e.target.closest('[data-card-id]');
    if (!card || e.target !== card) return;
    const grabbed = card.getAttribute('aria-grabbed') === 'true';
    if (e.key === ' ' || e.key === 'Enter' || (grabbed && e.key.startsWith('Arrow'))) e.preventDefault();
  };
  const observer = new IntersectionObserver((entries) => {
    for (const entry of entries) {
      if (entry.isIntersecting && !entry.target.disabled) entry.target.click();
    }
  }, { root: null, rootMargin: '0px 0px 200px 0px' });
  const watch = () => board.querySelectorAll('.gc-load-more').forEach((button) => {
    if (!button._galaxyObserved) { button._galaxyObserved = true; observer.observe(button); }
  });
  const mutations = new MutationObserver(watch);
  mutations.observe(board, { childList: true, subtree: true });
  watch();
  board.addEventListener('dragstart', onDragStart);
  board.addEventListener('keydown', onKeyDown);
  board._galaxyTaskBoard = { observer, mutations, onDragStart, onKeyDown };
}

export function detach(board) {
  const state = board && board._galaxyTaskBoard;
  if (!state) return;
  state.observer.disconnect();
  state.mutations.disconnect();
  board.removeEventListener('dragstart', state.onDragStart);
  board.removeEventListener('keydown', state.onKeyDown);
  board._galaxyTaskBoard = null;
}

export function focusCard(id) {
  const card = document.querySelector(`[data-card-id="${CSS.escape(id)}"]`);
  if (card) { card.focus({ preventScroll: false }); card.scrollIntoView({ block: 'nearest', inline: 'nearest' }); }
}
