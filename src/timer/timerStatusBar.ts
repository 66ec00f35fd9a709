/**
 * The timer's status bar item: the current phase and the time left in it, or the overrun on the
 * warning background once past; clicking it shows the timer in the guide panel. Hidden when idle.
 */
import { escapeMarkdown } from '../core/escape';
import * as vscode from 'vscode';
import { announcement, formatClock, notRun, roundMinutes, statusText, type TimerView } from '../core/timer';
import type { TimerService } from './timerService';

/** Command the item runs: shows the timer in the guide panel. */
export const SHOW_TIMER_COMMAND = 'sdi.showTimer';

export class TimerStatusBar implements vscode.Disposable {
  /** The item itself; tests read its text, colour and accessibility information. */
  readonly item: vscode.StatusBarItem;
  private readonly subs: vscode.Disposable[] = [];

  constructor(private readonly service: TimerService) {
    this.item = vscode.window.createStatusBarItem('sdi.timer', vscode.StatusBarAlignment.Left, 50);
    this.item.name = 'Interview Timer';
    this.item.command = SHOW_TIMER_COMMAND;
    this.subs.push(service.onDidChange(({ view }) => this.render(view)));
    this.render(service.view());
  }

  private render(v: TimerView): void {
    const item = this.item;
    if (v.status === 'idle' || !v.current) {
      item.hide();
      return;
    }
    const over = v.status !== 'finished' && v.current.overrunMs > 0;
    const icon = v.status === 'finished' ? '$(check)' : v.status === 'paused' ? '$(debug-pause)' : over ? '$(warning)' : '$(watch)';
    item.text = `${icon} ${statusText(v)}`;
    item.backgroundColor = over ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    item.color = over ? new vscode.ThemeColor('statusBarItem.warningForeground') : undefined;
    item.accessibilityInformation = { label: `Interview timer: ${announcement(v)} Click to show the timer.`, role: 'button' };
    const md = new vscode.MarkdownString(undefined, true);
    md.appendMarkdown(`**${escapeMarkdown(v.planTitle)}**${v.status === 'paused' ? ' (paused)' : ''}\n\n| Phase | Planned | Actual |\n|---|--:|--:|\n`);
    for (const p of v.phases) {
      const mark = p.state === 'current' && v.status !== 'finished' ? '$(arrow-right) ' : '';
      md.appendMarkdown(`| ${mark}${escapeMarkdown(p.title)} | ${p.minutes + p.extraMinutes} min | ${notRun(p) ? '–' : formatClock(p.actualMs)} |\n`);
    }
    md.appendMarkdown(`| **Total** | ${roundMinutes(v.plannedTotalMs)} min | ${formatClock(v.elapsedTotalMs)} |\n\nClick to show the timer.`);
    item.tooltip = md;
    item.show();
  }

  dispose(): void {
    for (const d of this.subs) d.dispose();
    this.item.dispose();
  }
}

