// The theme button, wired after parse. Applying a saved theme before paint stays inline in Base.astro's <head>;
// this part is bundled with the layout's script, so no page carries it in its HTML.
const root = document.documentElement;
const button = document.querySelector<HTMLButtonElement>('[data-theme-toggle]');
if (button) {
  const show = () => {
    const t = root.dataset.theme ?? 'system';
    button.setAttribute('aria-label', `Colour theme: ${t}. Change theme`);
    button.querySelector('span')!.textContent = t[0]!.toUpperCase() + t.slice(1);
  };
  button.hidden = false;
  show();
  button.addEventListener('click', () => {
    const next = ({ system: 'light', light: 'dark', dark: 'system' } as const)[(root.dataset.theme ?? 'system') as 'system' | 'light' | 'dark'];
    if (next === 'system') {
      delete root.dataset.theme;
      localStorage.removeItem('theme');
    } else {
      root.dataset.theme = next;
      localStorage.setItem('theme', next);
    }
    show();
  });
}
