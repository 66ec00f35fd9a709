/**
 * "Open larger": a diagram in an overlay filling the panel, with zoom (buttons, wheel, + and -)
 * and pan (drag, arrow keys). Escape closes it and focus goes back where it was.
 */

function button(icon: string, label: string, onClick: () => void): HTMLButtonElement {
  const b = document.createElement('button');
  b.type = 'button';
  b.className = 'icon-button';
  b.title = label;
  b.setAttribute('aria-label', label);
  const i = document.createElement('span');
  i.className = `codicon codicon-${icon}`;
  b.append(i);
  b.addEventListener('click', onClick);
  return b;
}

/** Shows `svg` (a copy) larger; `returnFocus` gets the focus back on close. */
export function openViewer(svg: SVGSVGElement, caption: string, returnFocus: HTMLElement | null): void {
  const previous = (document.activeElement as HTMLElement | null) ?? returnFocus;
  const app = document.getElementById('app');
  const overlay = document.createElement('div');
  overlay.className = 'viewer';
  overlay.setAttribute('role', 'dialog');
  overlay.setAttribute('aria-modal', 'true');
  overlay.setAttribute('aria-label', `${caption} (zoom with + and -, pan with the arrow keys, Escape closes)`);

  const stage = document.createElement('div');
  stage.className = 'viewer-stage';
  stage.tabIndex = 0;
  const copy = svg.cloneNode(true) as SVGSVGElement;
  copy.style.maxWidth = 'none';
  const vb = svg.viewBox?.baseVal;
  const w = vb?.width || svg.getBoundingClientRect().width;
  const h = vb?.height || svg.getBoundingClientRect().height;
  copy.setAttribute('width', String(w));
  copy.setAttribute('height', String(h));
  stage.append(copy);

  let scale = 1, x = 0, y = 0;
  const apply = () => {
    copy.style.transform = `translate(${x}px, ${y}px) scale(${scale})`;
    zoomLabel.textContent = `${Math.round(scale * 100)}%`;
  };
  const fit = () => {
    const r = stage.getBoundingClientRect();
    scale = Math.min((r.width - 32) / w, (r.height - 32) / h, 4);
    x = (r.width - w * scale) / 2;
    y = (r.height - h * scale) / 2;
    apply();
  };
  const zoomAt = (factor: number, cx?: number, cy?: number) => {
    const r = stage.getBoundingClientRect();
    const px = cx ?? r.width / 2, py = cy ?? r.height / 2;
    const next = Math.min(Math.max(scale * factor, 0.1), 16);
    x = px - ((px - x) * next) / scale;
    y = py - ((py - y) * next) / scale;
    scale = next;
    apply();
  };

  const close = () => {
    overlay.remove();
    app?.removeAttribute('inert');
    window.removeEventListener('resize', fit);
    (previous?.isConnected ? previous : returnFocus)?.focus();
  };

  const zoomLabel = document.createElement('span');
  zoomLabel.className = 'viewer-zoom';
  zoomLabel.setAttribute('aria-live', 'polite');
  const title = document.createElement('span');
  title.className = 'viewer-title';
  title.textContent = caption;
  const bar = document.createElement('div');
  bar.className = 'viewer-toolbar';
  bar.setAttribute('role', 'toolbar');
  const closeButton = button('close', 'Close (Escape)', close);
  bar.append(title, button('zoom-out', 'Zoom out (-)', () => zoomAt(1 / 1.25)), zoomLabel, button('zoom-in', 'Zoom in (+)', () => zoomAt(1.25)),
    button('screen-normal', 'Fit to window (0)', fit), closeButton);
  overlay.append(bar, stage);

  stage.addEventListener('wheel', (e) => {
    e.preventDefault();
    const r = stage.getBoundingClientRect();
    zoomAt(Math.exp(-e.deltaY / 300), e.clientX - r.left, e.clientY - r.top);
  }, { passive: false });
  // Dragging pans: it must never start a text selection in the diagram (panel.css also sets user-select: none).
  stage.addEventListener('selectstart', (e) => e.preventDefault());
  let drag: { x: number; y: number } | undefined;
  stage.addEventListener('pointerdown', (e) => {
    drag = { x: e.clientX - x, y: e.clientY - y };
    stage.setPointerCapture(e.pointerId);
    stage.classList.add('dragging');
  });
  stage.addEventListener('pointermove', (e) => {
    if (!drag) return;
    x = e.clientX - drag.x;
    y = e.clientY - drag.y;
    apply();
  });
  const endDrag = () => { drag = undefined; stage.classList.remove('dragging'); };
  stage.addEventListener('pointerup', endDrag);
  stage.addEventListener('pointercancel', endDrag);
  overlay.addEventListener('keydown', (e) => {
    const step = 40;
    const keys: Record<string, () => void> = {
      Escape: close, '+': () => zoomAt(1.25), '=': () => zoomAt(1.25), '-': () => zoomAt(1 / 1.25), '0': fit,
      ArrowLeft: () => { x += step; apply(); }, ArrowRight: () => { x -= step; apply(); },
      ArrowUp: () => { y += step; apply(); }, ArrowDown: () => { y -= step; apply(); },
    };
    const action = keys[e.key];
    if (!action || (e.key.startsWith('Arrow') && e.target !== stage)) return;
    e.preventDefault();
    e.stopPropagation();
    action();
  });
  // Keep Tab inside the dialog.
  overlay.addEventListener('focusout', (e) => {
    if (e.relatedTarget && !overlay.contains(e.relatedTarget as Node)) stage.focus();
  });

  document.body.append(overlay);
  app?.setAttribute('inert', '');
  window.addEventListener('resize', fit);
  fit();
  stage.focus();
}
