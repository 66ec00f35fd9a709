/**
 * Messages between the guide panel's webview and the extension host. This module is the
 * only code both sides import: every message is validated with these schemas on receipt.
 */
import { z } from 'zod';

/** Host → webview: show a guide item. `html` is rendered by the host with markdown-it (`html: false`). */
export const showItemMessage = z.object({
  type: z.literal('showItem'),
  id: z.string(),
  title: z.string(),
  html: z.string(),
});

/** All messages the host posts to the webview. */
export const hostMessage = z.discriminatedUnion('type', [showItemMessage]);
export type HostMessage = z.infer<typeof hostMessage>;

/** Webview → host: the page has loaded its script and listens; the host posts nothing before it. */
export const readyMessage = z.object({ type: z.literal('ready') });
/** Webview → host: open another guide item (from an in-guide link). */
export const openItemMessage = z.object({ type: z.literal('openItem'), id: z.string() });
/** Webview → host: open a link that is not a guide item, outside the panel. */
export const openExternalMessage = z.object({ type: z.literal('openExternal'), href: z.string() });

/** All messages the webview posts to the host. */
export const webviewMessage = z.discriminatedUnion('type', [readyMessage, openItemMessage, openExternalMessage]);
export type WebviewMessage = z.infer<typeof webviewMessage>;

/** State the webview keeps across reloads (`vscode.setState`), validated when restored. */
export const panelState = z.object({ itemId: z.string() });
export type PanelState = z.infer<typeof panelState>;
