/** The guide panel's script: shows items the host sends, routes link clicks back to the host. */
import { hostMessage, type WebviewMessage } from '../src/protocol';

declare function acquireVsCodeApi(): { postMessage(msg: unknown): void; setState(s: unknown): void; getState(): unknown };
const vscode = acquireVsCodeApi();
const post = (msg: WebviewMessage) => vscode.postMessage(msg);
const content = document.getElementById('content')!;

window.addEventListener('message', (event) => {
  const parsed = hostMessage.safeParse(event.data);
  if (!parsed.success) return;
  const msg = parsed.data;
  if (msg.type === 'showItem') {
    content.innerHTML = msg.html;
    document.title = msg.title;
    vscode.setState({ itemId: msg.id });
    window.scrollTo(0, 0);
  }
});

document.addEventListener('click', (e) => {
  const a = (e.target as Element | null)?.closest('a');
  if (!a) return;
  const href = a.getAttribute('href') ?? '';
  e.preventDefault();
  if (href.startsWith('#')) post({ type: 'openItem', id: href });
  else post({ type: 'openExternal', href });
});

post({ type: 'ready' });
