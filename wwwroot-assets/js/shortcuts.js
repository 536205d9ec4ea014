// Global keyboard shortcuts for the shell: Ctrl+K / Cmd+K opens the command palette.
window.galaxyShortcuts = {
  register(dotnet) {
    if (window.galaxyShortcuts._handler) document.removeEventListener('keydown', window.galaxyShortcuts._handler);
    const handler = (e) => {
      if ((e.ctrlKey || e.metaKey) && (e.key === 'k' || e.key === 'K')) {
        e.preventDefault();
        dotnet.invokeMethodAsync('OpenPalette');
      }
    };
    window.galaxyShortcuts._handler = handler;
    document.addEventListener('keydown', handler);
  },
  unregister() {
    if (window.galaxyShortcuts._handler) document.removeEventListener('keydown', window.galaxyShortcuts._handler);
    window.galaxyShortcuts._handler = null;
  }
};
