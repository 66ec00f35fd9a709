/** Helpers of the pages' DOM: elements built without HTML strings (text given to `el` is never parsed as markup), and paint timing. */

/** `el('td', { class: 'x' }, 'text', child)`: an element with attributes and children (text is never parsed as HTML). */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string | undefined> = {}, ...children: (Node | string | null | undefined)[]): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined) e.setAttribute(k, v);
  for (const c of children) if (c !== null && c !== undefined) e.append(c);
  return e;
}

/** Runs `fn` once the frame after the current change has painted (a page tells the host it drew an update then). */
export function afterPaint(fn: () => void): void {
  requestAnimationFrame(() => setTimeout(fn, 0));
}
