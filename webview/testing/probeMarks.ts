/**
 * Test build only (see `SDI_TEST_HOOKS`): a page's answers to the host's test probe
 * (`src/testing/pageProbe.ts`): what it draws when asked (`probe`), and a click on one of its
 * buttons as a user would (`press`: ignored for a button that is disabled, hidden or not there).
 */
import { reportPressMessage, reportProbeMessage } from '../../src/testing/protocol';

/** Answers `probe` with `describe()` and the probe's id, and clicks the buttons `press` names. */
export function answerProbes(send: (msg: unknown) => void, describe: () => object): void {
  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    const probe = reportProbeMessage.safeParse(event.data);
    if (probe.success) send({ ...describe(), id: probe.data.id });
    const press = reportPressMessage.safeParse(event.data);
    if (press.success) {
      const button = document.getElementById(press.data.id);
      if (button instanceof HTMLButtonElement && !button.disabled && !button.hidden) button.click();
    }
  });
}
