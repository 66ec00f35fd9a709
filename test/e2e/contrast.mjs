// WCAG 2 contrast of the text a webview shows, from computed styles: for the "reads well in the
// light theme" tests, which assert AA (4.5:1, 3:1 for large text) instead of only taking screenshots.

/**
 * The text under `root` (a selector in `frame`) whose contrast against its effective background
 * is below WCAG AA: `{ text, selector, ratio, needed, color, background }` for each, empty when all
 * of it reads well. The background is the element's and its ancestors' background colours laid
 * over each other (background images are not looked at); opacity and transparent colours are
 * composited. SVG text is measured by its fill. Disabled controls are left out, as WCAG leaves them.
 */
export function lowContrast(frame, root) {
  return frame.locator(root).first().evaluate((rootEl) => {
    /** [r, g, b, a] (0-255, alpha 0-1) of a computed colour: rgb()/rgba() or color(srgb ...). */
    const parse = (c) => {
      let m = /^rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)$/.exec(c);
      if (m) return [+m[1], +m[2], +m[3], m[4] === undefined ? 1 : +m[4]];
      m = /^color\(srgb ([\d.e-]+) ([\d.e-]+) ([\d.e-]+)(?: \/ ([\d.e-]+))?\)$/.exec(c);
      if (m) return [m[1] * 255, m[2] * 255, m[3] * 255, m[4] === undefined ? 1 : +m[4]];
      if (c === 'transparent') return [0, 0, 0, 0];
      throw new Error(`unparsed colour ${c}`);
    };
    /** `top` laid over the opaque `bottom`. */
    const over = (top, bottom) => [0, 1, 2].map((i) => top[i] * top[3] + bottom[i] * (1 - top[3])).concat(1);
    const luminance = (rgb) => {
      const [r, g, b] = rgb.slice(0, 3).map((v) => { const s = v / 255; return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4; });
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const ratio = (a, b) => { const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x); return (hi + 0.05) / (lo + 0.05); };
    /** The opaque colour behind `el`: its and its ancestors' backgrounds, over the page's white. */
    const backgroundOf = (el) => {
      const layers = [];
      for (let e = el; e; e = e.parentElement) {
        const bg = parse(getComputedStyle(e).backgroundColor);
        if (bg[3] > 0) layers.push(bg);
        if (bg[3] === 1) break;
      }
      return layers.reverse().reduce((below, layer) => over(layer, below), [255, 255, 255, 1]);
    };
    const opacityOf = (el) => { let o = 1; for (let e = el; e; e = e.parentElement) o *= Number(getComputedStyle(e).opacity); return o; };
    const describe = (el) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${[...el.classList].map((c) => `.${c}`).join('')}`;

    const low = [];
    for (const el of [rootEl, ...rootEl.querySelectorAll('*')]) {
      const text = [...el.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.textContent).join('').trim();
      if (!text) continue;
      const style = getComputedStyle(el);
      const box = el.getBoundingClientRect();
      if (style.visibility !== 'visible' || box.width === 0 || box.height === 0) continue;
      if (el.closest(':disabled, [aria-disabled="true"]')) continue;
      const inSvg = el instanceof SVGElement;
      const color = parse(inSvg ? style.fill : style.color);
      const background = backgroundOf(inSvg ? el.ownerSVGElement : el);
      const shown = over([...color.slice(0, 3), color[3] * opacityOf(el)], background);
      const size = parseFloat(style.fontSize);
      const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
      const needed = large ? 3 : 4.5;
      const r = ratio(shown, background);
      if (r < needed) low.push({ text: text.slice(0, 60), selector: describe(el), ratio: Math.round(r * 100) / 100, needed, color: style.color, background: background.map(Math.round).join(',') });
    }
    return low;
  });
}
